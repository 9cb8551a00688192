namespace Network.Domain.Notifications;

/// <summary>
/// Settings of e-mail delivery that the domain keeps (the SMTP server's are the sender's): where links point, how
/// often digests go, how retries back off, the key unsubscribe links are signed with. Bound from configuration by
/// the host (<c>Network:PublicUrl</c>, <c>Notifications:*</c>); see the README's configuration table.
/// </summary>
public sealed class NotificationOptions
{
    /// <summary>The web app's address as recipients reach it; links in e-mails start with it.</summary>
    public Uri PublicUrl { get; set; } = new("http://127.0.0.1:5080/");

    /// <summary>How long a contact's check-ins and notifications gather before the digest goes (a week).</summary>
    public TimeSpan DigestEvery { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The wait before the first retry of an e-mail the server did not take; it doubles up to <see cref="LongestRetry"/>.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan LongestRetry { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long before a task's due date its assignees are reminded, if it is still open then.</summary>
    public TimeSpan TaskDueSoonBefore { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Base64 of at least 32 bytes to sign unsubscribe links with. Empty: a key made once and kept in storage
    /// (every host of a cluster uses the same). Set it to keep links valid across a storage reset.
    /// </summary>
    public string? SigningKey { get; set; }

    public Uri Link(string relative) => new(PublicUrl, relative.TrimStart('/'));
}
