namespace Network.Domain.Links;

/// <summary>
/// One event on its way to a tenant's outbound exchange: its contract's name (e.g. "ProgressReported") and its
/// camelCase JSON, ready for the transport. <see cref="MessageId"/> is derived from the change it reports, so the
/// same change handed on twice is one message.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LinkMessage(
    [property: Id(0)] string MessageId,
    [property: Id(1)] string Type,
    [property: Id(2)] string Json);
