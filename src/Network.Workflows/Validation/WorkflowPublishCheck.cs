using Network.Workflows.Definitions;
using Network.Workflows.Loading;

namespace Network.Workflows.Validation;

/// <summary>
/// What publishing a definition to a tenant checks beyond the file itself: every <c>call</c> names a workflow the
/// tenant can run (its own, its ancestors', the library's, or the definition itself).
/// </summary>
public static class WorkflowPublishCheck
{
    /// <summary>Loads, validates and checks calls; errors sorted by position.</summary>
    public static WorkflowLoadResult Check(string yaml, string file, IReadOnlyCollection<string> knownWorkflows)
    {
        ArgumentNullException.ThrowIfNull(knownWorkflows);
        var result = WorkflowValidator.Check(yaml, file);
        if (result.Definition is not { } definition)
        {
            return result;
        }
        var known = new HashSet<string>(knownWorkflows, StringComparer.Ordinal) { definition.Id };
        var errors = result.Errors.ToList();
        foreach (var call in definition.Steps.OfType<CallStep>().Where(c => !known.Contains(c.Workflow)))
        {
            errors.Add(new WorkflowError(result.SourceMap.SpanOf(call, "call") ?? call.At, WorkflowErrorCodes.UnknownWorkflow,
                $"step '{call.Id}' calls workflow '{call.Workflow}', which this tenant cannot run; publish it first or call one of: " +
                string.Join(", ", known.Order(StringComparer.Ordinal))));
        }
        errors.Sort(WorkflowError.Compare);
        return result with { Errors = errors };
    }
}
