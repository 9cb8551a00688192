using Network.Contracts.Workflows;

namespace Network.Domain.Workflows;

/// <summary>
/// A definition that may not be published: every problem, with its line and column. The API answers 422 with
/// <see cref="Validation"/> as the body, as it always has; nothing was changed.
/// </summary>
public sealed class WorkflowInvalidException(WorkflowValidationResource validation)
    : Exception($"The definition has {validation?.Problems.Count} problem(s); see the validation.")
{
    public WorkflowValidationResource Validation { get; } = validation ?? throw new ArgumentNullException(nameof(validation));
}
