namespace Network.Domain.Storage;

/// <summary>The keyed sets grains add members to beside their state; each is a table of the same name.</summary>
public static class StateKeySets
{
    /// <summary>Ids of the events a workflow instance took or kept: an event with one of them is not applied again.</summary>
    public const string AppliedEventIds = "applied_event_id";

    /// <summary>Ids of the link messages a commitment applied: a redelivered message changes nothing.</summary>
    public const string AppliedMessageIds = "applied_message_id";

    /// <summary>
    /// How long a member is kept. Redeliveries come within minutes to days (an outbox resending after a crash, a bus
    /// redelivering, a partner's system retrying); a year is far beyond any of them, and the sets stop growing.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(400);

    /// <summary>Ids of the messages a tenant's link outbox sent: a change handed on again is not sent twice.</summary>
    public const string SentLinkMessageIds = "sent_link_message_id";

    /// <summary>Ids of the deliveries a tenant's webhook outbox made: an event handed on again is not called twice.</summary>
    public const string SentWebhookDeliveryIds = "sent_webhook_delivery_id";

    /// <summary>Ids of the e-mails and digest lines a tenant's mail outbox sent: a cause handed on again is not mailed twice.</summary>
    public const string SentEmailIds = "sent_email_id";

    /// <summary>
    /// The workflow instances waiting in one entry of the wait index (owner: the entry's key, member: the instance's
    /// key), added and removed in the instance's own unit as its waits open and end. Never expired: a wait may stay
    /// open for years.
    /// </summary>
    public const string WaitingInstances = "workflow_wait";

    public static IReadOnlyList<string> All { get; } =
        [AppliedEventIds, AppliedMessageIds, SentLinkMessageIds, SentWebhookDeliveryIds, SentEmailIds, WaitingInstances];

    /// <summary>The sets whose members are deleted <see cref="Retention"/> after they were added (all but <see cref="WaitingInstances"/>).</summary>
    public static IReadOnlyList<string> Expiring { get; } = [.. All.Where(set => set != WaitingInstances)];

    /// <summary>Throws unless <paramref name="set"/> is one of <see cref="All"/> (a set name becomes a table name).</summary>
    public static string Checked(string set) => All.Contains(set, StringComparer.Ordinal)
        ? set
        : throw new ArgumentException($"'{set}' is not one of the keyed sets ({string.Join(", ", All)}).", nameof(set));
}
