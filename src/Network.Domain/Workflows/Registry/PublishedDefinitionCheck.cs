using Network.Domain.Errors;
using Network.Workflows.Definitions;
using Network.Workflows.Validation;

namespace Network.Domain.Workflows;

/// <summary>The registry's own check before it stores a version: nothing invalid is published, whoever calls it.</summary>
internal static class PublishedDefinitionCheck
{
    /// <summary>The name published sources are checked (and their errors reported) under.</summary>
    public const string FileName = "published.yaml";

    public static WorkflowDefinition Check(string source, IReadOnlyCollection<string> knownWorkflows)
    {
        var result = WorkflowPublishCheck.Check(source, FileName, knownWorkflows);
        if (!result.Succeeded)
        {
            var first = result.Errors.Take(5).Select(e => $"line {e.At.Line}, column {e.At.Column}: {e.Code}: {e.Message}");
            var more = result.Errors.Count > 5 ? $" (and {result.Errors.Count - 5} more)" : "";
            throw new DomainValidationException("source", "The definition is not valid: " + string.Join("; ", first) + more);
        }
        return result.Definition!;
    }
}
