using Network.Workflows.Definitions;
using Network.Workflows.Validation;

namespace Network.Workflows.Loading;

/// <summary>
/// What <see cref="WorkflowLoader"/> made of one file. <see cref="Definition"/> is there whenever the file was a YAML
/// mapping, even when <see cref="Errors"/> is not empty: then it is partial (steps with errors are left out, missing
/// values are empty) so that <see cref="WorkflowValidator"/> can still report everything else at once. Only a
/// result that <see cref="Succeeded"/> may be published or run.
/// </summary>
public sealed record WorkflowLoadResult(string File, WorkflowDefinition? Definition, IReadOnlyList<WorkflowError> Errors, WorkflowSourceMap SourceMap)
{
    public bool Succeeded => Definition is not null && Errors.Count == 0;
}
