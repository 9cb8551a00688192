namespace Network.Domain.Notifications;

/// <summary>
/// A tenant's e-mail on its way out, kept in storage until the mail server took it: e-mail sent one by one, and
/// each contact's digest gathering until it is due. <see cref="Enqueue"/> returns once stored, so the caller (the
/// workflow outbox) may forget what caused it; a resend of the same delivery id, or of a digest line already
/// gathered or sent, changes nothing. Keyed by <see cref="TenantMailOutboxGrain.KeyFor"/>; the engine's only.
/// </summary>
public interface ITenantMailOutboxGrain : IGrainWithStringKey, IRemindable
{
    /// <param name="later">E-mail to send at a moment (a task's "due soon"), and only if its task is still open then.</param>
    Task Enqueue(IReadOnlyList<OutgoingEmail> emails, IReadOnlyList<DigestItem> digestItems, IReadOnlyList<LaterEmail> later);

    /// <summary>What waits: e-mail not yet taken by the server, and open digests with their lines (tests and the web app).</summary>
    Task<MailOutboxStatus> Status();
}

/// <summary>A line for a contact's digest; <see cref="LineId"/> is stable per cause and contact, so it is gathered once.</summary>
[GenerateSerializer, Immutable]
public sealed record DigestItem(
    [property: Id(0)] string LineId,
    [property: Id(1)] EmailRecipient To,
    [property: Id(2)] string Language,
    [property: Id(3)] string TenantName,
    [property: Id(4)] string? UnsubscribeLink,
    [property: Id(5)] DigestLine Line);

/// <summary>An e-mail for later: not before <see cref="NotBefore"/>, and dropped if the task it reminds of was answered.</summary>
[GenerateSerializer, Immutable]
public sealed record LaterEmail(
    [property: Id(0)] OutgoingEmail Email,
    [property: Id(1)] DateTimeOffset NotBefore,
    [property: Id(2)] OpenTask? OnlyIfOpen);

/// <summary>A task of a workflow instance (the instance's grain key and the task id).</summary>
[GenerateSerializer, Immutable]
public sealed record OpenTask([property: Id(0)] string InstanceKey, [property: Id(1)] string TaskId);

[GenerateSerializer, Immutable]
public sealed record MailOutboxStatus(
    [property: Id(0)] IReadOnlyList<PendingEmailStatus> Pending,
    [property: Id(1)] IReadOnlyList<OpenDigestStatus> Digests);

[GenerateSerializer, Immutable]
public sealed record PendingEmailStatus(
    [property: Id(0)] string DeliveryId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Address,
    [property: Id(3)] int Attempts,
    [property: Id(4)] DateTimeOffset NextAttemptAt,
    [property: Id(5)] string? LastError);

[GenerateSerializer, Immutable]
public sealed record OpenDigestStatus(
    [property: Id(0)] string Address,
    [property: Id(1)] DateTimeOffset OpenedAt,
    [property: Id(2)] DateTimeOffset DueAt,
    [property: Id(3)] int Lines);
