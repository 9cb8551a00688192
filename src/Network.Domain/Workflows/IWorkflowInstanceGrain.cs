using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>What an instance looks like from outside: where it stands, without its whole state.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkflowInstanceSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string DefinitionId,
    [property: Id(2)] int DefinitionVersion,
    [property: Id(3)] string Status,
    [property: Id(4)] DateTimeOffset StartedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] DateTimeOffset? NextDueAt,
    [property: Id(7)] IReadOnlyList<string> WaitingAt);

/// <summary>One journal entry: when, what, at which step, why it ran, its outcome, and a summary of its inputs.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkflowJournalLine(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Step,
    [property: Id(3)] string? Why,
    [property: Id(4)] string? Outcome,
    [property: Id(5)] string? Inputs);

/// <summary>
/// One running workflow, keyed by its home tenant's path and its id (<see cref="TenantScopedKey"/>). It persists its
/// state after every stimulus; an Orleans reminder wakes it when its earliest timer is due, so waits outlive restarts.
/// </summary>
public interface IWorkflowInstanceGrain : ITenantScopedGrain, IRemindable
{
    /// <summary>Starts the instance from a definition; starting it again changes nothing.</summary>
    Task<WorkflowInstanceSummary> Start(string definitionId, string inputsJson);

    /// <summary>Delivers an event; an event id already applied is ignored.</summary>
    Task<WorkflowInstanceSummary> Deliver(string eventName, string dataJson, string eventId);

    Task<WorkflowInstanceSummary?> Describe();

    Task<IReadOnlyList<WorkflowJournalLine>> Journal();
}
