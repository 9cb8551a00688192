namespace Network.Domain.Notifications;

/// <summary>How a contact gets a category of e-mail, and which category each kind of inbox entry is.</summary>
public static class Delivery
{
    public const string Immediate = "immediate";
    public const string Digest = "digest";
    public const string None = "none";

    public static readonly IReadOnlyList<string> Choices = [Immediate, Digest, None];

    /// <summary>Escalations and tasks: they ask someone to act.</summary>
    public const string EscalationsAndTasks = "escalations-and-tasks";

    /// <summary>Check-in reminders and other notifications: they keep someone informed.</summary>
    public const string CheckInsAndNotifications = "check-ins-and-notifications";

    public static readonly IReadOnlyList<string> Categories = [EscalationsAndTasks, CheckInsAndNotifications];

    /// <summary>The languages e-mail is written in; a contact without one reads English.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "es"];
}
