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
    [property: Id(5)] string? Inputs,
    [property: Id(6)] string? TraceId = null,
    [property: Id(7)] long Seq = 0);

/// <summary>A human task an instance opened: to whom, what, by when, and whether it is done.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkflowTaskInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Step,
    [property: Id(2)] string AssignedTo,
    [property: Id(3)] string Title,
    [property: Id(4)] DateTimeOffset? DueAt,
    [property: Id(5)] string Status,
    [property: Id(6)] string? ResultJson);

/// <summary>A step that failed after its retries, waiting for an operator to retry it, skip it or cancel the instance.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkflowIncidentInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Step,
    [property: Id(2)] string Error,
    [property: Id(3)] int Attempts,
    [property: Id(4)] DateTimeOffset OpenedAt,
    [property: Id(5)] string? Resolution);

/// <summary>Why an instance cannot move to another version: a code (e.g. <c>unmapped-step</c>), the step, and what to do.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkflowMigrationProblem(
    [property: Id(0)] string Code,
    [property: Id(1)] string? Step,
    [property: Id(2)] string Message);

/// <summary>What a migration did (or, on a dry run, would do): the instance after it, or the problems that stop it.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkflowMigrationOutcome(
    [property: Id(0)] WorkflowInstanceSummary Instance,
    [property: Id(1)] bool Migrated,
    [property: Id(2)] IReadOnlyList<WorkflowMigrationProblem> Problems);

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

    /// <summary>
    /// Delivers events in order, as <see cref="Deliver"/> one by one would, but stores those it applies in one write
    /// (it writes sooner after an event that opens a new wait, so the events kept for that wait are taken before the
    /// next). Each event's journal lines carry its own trace, and the write stores each event's audit line.
    /// </summary>
    Task<WorkflowInstanceSummary> DeliverMany(IReadOnlyList<EventDelivery> events);

    Task<WorkflowInstanceSummary?> Describe();

    /// <summary>The whole journal, in order.</summary>
    Task<IReadOnlyList<WorkflowJournalLine>> Journal();

    /// <summary>At most <paramref name="limit"/> journal lines after line <paramref name="afterSeq"/>, in order.</summary>
    Task<IReadOnlyList<WorkflowJournalLine>> JournalPage(long afterSeq, int limit);

    Task<IReadOnlyList<WorkflowTaskInfo>> Tasks();

    /// <summary>Completes an open human task with its result; completing it again changes nothing.</summary>
    Task<WorkflowTaskInfo> CompleteTask(string taskId, string resultJson);

    Task<IReadOnlyList<WorkflowIncidentInfo>> Incidents();

    /// <summary>An operator's answer to an incident: "retry", "skip", or "cancel" (the instance).</summary>
    Task<WorkflowInstanceSummary> ResolveIncident(string incidentId, string action);

    Task<WorkflowInstanceSummary> Cancel(string reason);

    /// <summary>
    /// Moves the instance to version <paramref name="toVersion"/> of its definition (the one its home tenant sees, nearest
    /// publisher first), keeping its position, variables and waits; <paramref name="stepMapping"/> renames steps (old → new).
    /// A step the instance is at with no mapping and no step of that id in the new version stops it with a problem.
    /// With <paramref name="dryRun"/> nothing changes.
    /// </summary>
    Task<WorkflowMigrationOutcome> Migrate(int toVersion, IReadOnlyDictionary<string, string> stepMapping, bool dryRun);

    /// <summary>The engine starts this instance as the child of call <paramref name="callId"/> of <paramref name="parentKey"/>.</summary>
    Task<WorkflowInstanceSummary> StartChild(string definitionId, string inputsJson, string parentKey, string callId);

    /// <summary>The engine reports that the child of call <paramref name="callId"/> ended, with its result or why it failed (<paramref name="failure"/>).</summary>
    Task ChildEnded(string callId, string resultJson, string? failure);

    /// <summary>The outbox dispatcher's receipt: the items it carried out, and whom each task went to.</summary>
    Task Acknowledge(WorkflowOutboxReceipt receipt);
}
