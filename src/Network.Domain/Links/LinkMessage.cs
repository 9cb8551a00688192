namespace Network.Domain.Links;

/// <summary>
/// One event on its way to a tenant's outbound exchange: its contract's name (e.g. "ProgressReported") and its
/// camelCase JSON, ready for the transport. <see cref="MessageId"/> is derived from the change it reports, so the
/// same change handed on twice is one message. <see cref="Source"/> is the grain whose change it reports (a
/// commitment's or a workflow instance's key): one source's messages go out in the order they were handed on.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LinkMessage(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string Type,
    [property: Id(2)] string Json,
    [property: Id(3)] string Source = "");
