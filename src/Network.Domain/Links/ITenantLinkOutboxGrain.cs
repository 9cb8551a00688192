using Orleans.Concurrency;

namespace Network.Domain.Links;

/// <summary>
/// The events waiting to go out on one tenant's outbound exchange, keyed by the tenant id. Whatever it accepted is
/// stored before the call returns, and stays until the broker confirmed it: a broker outage or a crash of the host
/// delays events, never loses them. Events go out in the order they were accepted.
/// </summary>
public interface ITenantLinkOutboxGrain : IGrainWithStringKey
{
    /// <summary>Stores the messages (those already taken, by message id, are dropped) and starts sending them.</summary>
    [AlwaysInterleave]
    Task Enqueue(IReadOnlyList<LinkMessage> messages);

    /// <summary>Sends what is stored (the host calls this at start for every link).</summary>
    [AlwaysInterleave]
    Task SendPending();

    /// <summary>How many messages wait for the broker.</summary>
    [AlwaysInterleave]
    Task<int> Pending();
}
