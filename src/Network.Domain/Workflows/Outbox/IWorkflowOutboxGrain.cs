using Orleans.Concurrency;
using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// Carries out what instances of one tenant put in their outbox, after the instance persisted it: published events
/// go to the workflows (triggers and waits), notifications, escalations and tasks to the inboxes of the tenants
/// their role means, calls start child instances, and a child's end reaches its parent. Then it acknowledges to the
/// instance, which forgets the items. Called one-way, so an instance never waits on what its effects set off
/// (which may be a call back to itself); an item whose receipt never comes is sent again.
/// </summary>
public interface IWorkflowOutboxGrain : ITenantScopedGrain
{
    /// <param name="instanceKey">The instance the items come from (it gets the receipt).</param>
    /// <param name="inputsJson">The instance's inputs: who <c>owners</c> are depends on the commitment they name.</param>
    [OneWay]
    Task Dispatch(string instanceKey, string inputsJson, IReadOnlyList<WorkflowOutboxItem> items);
}
