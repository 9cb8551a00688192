using Network.Contracts.Workflows;

namespace Network.Domain.Workflows;

/// <summary>
/// A migration checked and refused before anything moved: <see cref="Result"/> names each instance's problems.
/// The API answers 422 with it as the body, as it always has.
/// </summary>
public sealed class WorkflowMigrationRefusedException(MigrationResultResource result)
    : Exception("At least one instance cannot move as asked; nothing was moved.")
{
    public MigrationResultResource Result { get; } = result ?? throw new ArgumentNullException(nameof(result));
}
