namespace Network.Domain.Workflows;

/// <summary>
/// A domain event waiting in a grain's outbox: stored with the change that raised it, handed on after the write,
/// and removed once handed on, so a crash neither loses nor invents one.
/// </summary>
/// <param name="At">When the change happened (absent on events stored before it was recorded).</param>
/// <param name="LinksQueued">
/// True when its link messages were queued in the write that stored it, so handing it on leaves the links out;
/// false on events stored before that (their links are handed the event like the other recipients).
/// </param>
public sealed record DomainEventRecord(string Id, string Name, string DataJson, DateTimeOffset? At = null, bool LinksQueued = false);

/// <summary>The definitions of a silo that runs no workflows (e.g. grain tests that are not about them).</summary>
public sealed class EmptyWorkflowDefinitions : Network.Workflows.Definitions.IWorkflowDefinitions
{
    public IReadOnlyList<Network.Workflows.Definitions.WorkflowDefinition> All { get; } = [];

    public Network.Workflows.Definitions.WorkflowDefinition? Find(string id) => null;
}
