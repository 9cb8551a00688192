using System.Diagnostics.CodeAnalysis;

namespace Network.Workflows.Runtime.Migration;

/// <summary>
/// What <see cref="WorkflowMigration.Migrate"/> made of an instance: the migrated state, or the reasons it could not be
/// migrated, never both. A class rather than a record so that no <c>with</c> can make a result that has both.
/// </summary>
public sealed class MigrationResult
{
    private MigrationResult(WorkflowInstanceState? state, IReadOnlyList<MigrationError> errors)
    {
        State = state;
        Errors = errors;
    }

    /// <summary>The instance on the target version (a new object); null when <see cref="Errors"/> is not empty.</summary>
    public WorkflowInstanceState? State { get; }

    /// <summary>Every reason the instance cannot be migrated as asked; empty when it was.</summary>
    public IReadOnlyList<MigrationError> Errors { get; }

    [MemberNotNullWhen(true, nameof(State))]
    public bool Succeeded => State is not null;

    internal static MigrationResult Migrated(WorkflowInstanceState state) => new(state, []);

    internal static MigrationResult Failed(IReadOnlyList<MigrationError> errors) => new(null, errors);
}
