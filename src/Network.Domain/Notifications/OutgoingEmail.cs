namespace Network.Domain.Notifications;

/// <summary>
/// One e-mail to one person, as facts: what it is about and why, in the reader's language. The text is written from
/// these when it is sent (templates per <see cref="EmailKinds"/> in <c>src/Network.Notifications</c>), so the outbox
/// keeps facts, not rendered text, and a template fix reaches mail still waiting.
/// </summary>
/// <param name="DeliveryId">Stable per delivery (the cause's id and the recipient): the <c>Message-ID</c>, so a resend after a crash can be dropped.</param>
/// <param name="Language">en, fr or es.</param>
/// <param name="Level">The escalation's rung (1 owners, 2 tenant coordinator, 3 network coordinator).</param>
/// <param name="Message">The workflow's own text for the notification, escalation or task (as its definition words it).</param>
/// <param name="DaysSilent">Days since the commitment's last progress (or since it was recorded), when about one.</param>
/// <param name="CommitmentLink">The commitment's page in the web app.</param>
/// <param name="TaskLink">For a task: the page that opens its form.</param>
/// <param name="UnsubscribeLink">Stops this kind of e-mail for this contact, without signing in.</param>
/// <param name="Digest">For a digest: what it gathers, oldest first.</param>
[GenerateSerializer, Immutable]
public sealed record OutgoingEmail(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Language,
    [property: Id(3)] EmailRecipient To,
    [property: Id(4)] string TenantName,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] int? Level,
    [property: Id(7)] string? Message,
    [property: Id(8)] EmailCommitment? Commitment,
    [property: Id(9)] int? DaysSilent,
    [property: Id(10)] string? CommitmentLink,
    [property: Id(11)] string? TaskTitle,
    [property: Id(12)] string? TaskLink,
    [property: Id(13)] DateTimeOffset? DueAt,
    [property: Id(14)] string? UnsubscribeLink,
    [property: Id(15)] IReadOnlyList<DigestLine>? Digest);

[GenerateSerializer, Immutable]
public sealed record EmailRecipient([property: Id(0)] string Name, [property: Id(1)] string Address);

/// <summary>The commitment an e-mail is about: its id, its words (the session's text), the session it came from.</summary>
[GenerateSerializer, Immutable]
public sealed record EmailCommitment(
    [property: Id(0)] string Id,
    [property: Id(1)] string Text,
    [property: Id(2)] string? SessionTitle,
    [property: Id(3)] string? Status);

/// <summary>One thing a digest gathers: a check-in reminder or a notification (or anything a contact takes weekly).</summary>
[GenerateSerializer, Immutable]
public sealed record DigestLine(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Message,
    [property: Id(3)] EmailCommitment? Commitment,
    [property: Id(4)] int? DaysSilent,
    [property: Id(5)] string? Link);
