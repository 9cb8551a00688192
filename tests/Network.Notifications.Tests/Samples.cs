using Network.Domain.Notifications;

namespace Network.Notifications.Tests;

/// <summary>E-mails as the outbox would hand them over, with every fact set; each test changes what it is about.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset At = new(2026, 3, 12, 9, 30, 0, TimeSpan.Zero);

    public static readonly EmailCommitment Commitment = new(
        "c-2016-C-07",
        "Publish a joint report on labour migration corridors with the regional partners",
        "Session C: Migration and development",
        "stalled");

    public static OutgoingEmail Email(string kind, string language = "en") => new(
        DeliveryId: $"{kind}:c-2016-C-07:ana@example.org",
        Kind: kind,
        Language: language,
        To: new EmailRecipient("Ana Pérez", "ana@example.org"),
        TenantName: "Migrant Rights Network",
        At: At,
        Level: kind == EmailKinds.Escalation ? 1 : null,
        Message: null,
        Commitment: Commitment,
        DaysSilent: 45,
        CommitmentLink: "https://network.example.org/commitments/c-2016-C-07",
        TaskTitle: kind.StartsWith("task", StringComparison.Ordinal) ? "Forum report for Session C" : null,
        TaskLink: kind.StartsWith("task", StringComparison.Ordinal) ? "https://network.example.org/tasks/t-42" : null,
        DueAt: kind.StartsWith("task", StringComparison.Ordinal) ? new DateTimeOffset(2026, 3, 15, 17, 0, 0, TimeSpan.Zero) : null,
        UnsubscribeLink: "https://network.example.org/unsubscribe?token=abc123",
        Digest: kind == EmailKinds.Digest ? DigestLines : null);

    public static readonly IReadOnlyList<DigestLine> DigestLines =
    [
        new(At.AddDays(-2), EmailKinds.Notification, "The session report for Session C was compiled.", null, null, "https://network.example.org/reports/session-c"),
        new(At.AddDays(-6), EmailKinds.CheckIn, null, Commitment, 45, "https://network.example.org/commitments/c-2016-C-07"),
        new(At.AddDays(-4), EmailKinds.CheckIn, null,
            new EmailCommitment("c-2016-C-09", "Train 40 consular staff on the protection of domestic workers", "Session C: Migration and development", "limited"),
            31, "https://network.example.org/commitments/c-2016-C-09"),
    ];
}
