namespace Network.Domain.Notifications;

/// <summary>The kinds of e-mail, one template each (in en, fr and es).</summary>
public static class EmailKinds
{
    /// <summary>An escalation; its <see cref="OutgoingEmail.Level"/> says which rung (1–3).</summary>
    public const string Escalation = "escalation";

    /// <summary>A notification about a commitment (the monthly check-in of the standard lifecycle): please report progress.</summary>
    public const string CheckIn = "check-in";

    /// <summary>A notification about anything else (e.g. a report compiled).</summary>
    public const string Notification = "notification";

    public const string TaskAssigned = "task-assigned";

    /// <summary>A task still open close to its due date.</summary>
    public const string TaskDueSoon = "task-due-soon";

    /// <summary>A week's check-ins and notifications in one e-mail.</summary>
    public const string Digest = "digest";

    /// <summary>"Send me a test e-mail": says the settings work.</summary>
    public const string Test = "test";

    public static readonly IReadOnlyList<string> All = [Escalation, CheckIn, Notification, TaskAssigned, TaskDueSoon, Digest, Test];
}
