using Network.Workflows.Runtime;

namespace Network.Web.Commitments;

/// <summary>
/// What an instance follows. Instances started by an event about something are named
/// <c>{definition}--{subject id}</c> (<see cref="InstanceIds"/>), so a task or a notice of the commitment lifecycle names the
/// commitment it concerns without another look-up.
/// </summary>
public static class InstanceSubjects
{
    /// <summary>The commitment id a lifecycle instance follows; null for instances of other definitions.</summary>
    public static string? CommitmentOf(string definitionId, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        return definitionId == CommitmentLights.LifecycleDefinition ? InstanceIds.SubjectOf(definitionId, instanceId) : null;
    }

    /// <summary>The same for an instance whose definition is known only from its id (inbox entries).</summary>
    public static string? CommitmentOf(string instanceId) => CommitmentOf(CommitmentLights.LifecycleDefinition, instanceId);
}
