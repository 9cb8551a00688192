using Network.Contracts.Workflows;
using Network.Workflows.Definitions;
using Network.Workflows.Loading;

namespace Network.Domain.Workflows;

/// <summary>How definitions and validation results look in the API.</summary>
public static class WorkflowDocuments
{
    public static WorkflowSummaryResource Summary(ResolvedWorkflow resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var definition = resolved.Definition;
        return new WorkflowSummaryResource(
            definition.Id, definition.Version, definition.Title, definition.Description, Trigger(definition.Trigger),
            definition.Inputs, resolved.EffectiveSettings(), resolved.Owner?.TenantId);
    }

    public static WorkflowValidationResource Validation(WorkflowLoadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problems = result.Errors.Select(e => new WorkflowProblem(e.At.Line, e.At.Column, e.Code, e.Message)).ToList();
        return new WorkflowValidationResource(result.Succeeded, result.Definition?.Id, result.Definition?.Version, problems);
    }

    private static string Trigger(Trigger trigger) => trigger switch
    {
        EventTrigger e => $"event {e.Event}",
        ScheduleTrigger s => $"schedule {s.Cron}",
        _ => "manual",
    };
}
