using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// Starts instances of one definition with a <c>starts-on: { schedule: cron }</c> trigger, for the tenant that
/// publishes it (the root tenant for the network's library), at every occurrence of its cron schedule (UTC). Keyed
/// by <see cref="WorkflowScheduleGrain.KeyFor"/>. A durable reminder wakes it; an occurrence starts one instance,
/// named after the occurrence, however often it is woken, even across restarts.
/// </summary>
public interface IWorkflowScheduleGrain : ITenantScopedGrain, IRemindable
{
    /// <summary>Looks at the definition the tenant now runs and (re)arms the schedule, or stops it when there is none.</summary>
    Task<WorkflowScheduleInfo> Ensure();
}

/// <summary>Where a schedule stands: its cron, the next occurrence, and the last one that started an instance.</summary>
[GenerateSerializer, Immutable]
public sealed record WorkflowScheduleInfo(
    [property: Id(0)] string WorkflowId,
    [property: Id(1)] string? Cron,
    [property: Id(2)] DateTimeOffset? NextAt,
    [property: Id(3)] DateTimeOffset? LastStartedAt);
