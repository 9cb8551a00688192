namespace Network.Contracts.Messaging;

/// <summary>
/// What every message on a tenant link carries, whichever way it travels.
/// </summary>
/// <remarks>
/// A contract only ever grows by optional fields (guarded by a test against the stored schema), so a partner built
/// against an older copy of this project keeps working.
/// </remarks>
public interface INetworkMessage
{
    /// <summary>
    /// The sender's id for this message, unique per sender. A message that arrives twice under the same id is applied
    /// once. Events the network publishes derive it from the change they report, so a resent event keeps its id.
    /// </summary>
    string MessageId { get; }

    /// <summary>
    /// For a message a tenant sends: the sending tenant (the one whose integration key signs it). For an event the
    /// network publishes: the tenant whose outbound exchange carries it.
    /// </summary>
    string TenantId { get; }

    /// <summary>When it happened at the sender. Absent on a plain JSON message, the time it was received.</summary>
    DateTimeOffset OccurredAt { get; }
}
