using System.Text.Json.Nodes;
using Network.Domain.Commitments;
using Network.Domain.Organisations;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Domain.Workflows;
using Network.Workflows.Runtime;

namespace Network.Domain.Notifications;

/// <summary>
/// Turns what a workflow addressed to tenants (an inbox entry: notification, escalation, task) into e-mail for the
/// people behind them: each tenant's contacts with an address, in their language, as they chose to receive that
/// category (at once, in the digest, or not). Returns once every e-mail is stored in its tenant's mail outbox, so
/// the caller may then acknowledge the cause; delivery ids come from the entry's id and the address, so handing
/// the same entry on again queues nothing new. With no mail server configured it does nothing.
/// </summary>
public sealed class NotificationDelivery(IGrainFactory grains, IEmailSender sender, UnsubscribeLinks unsubscribe,
    Microsoft.Extensions.Options.IOptions<NotificationOptions> options, TimeProvider clock)
{
    /// <param name="contactRole">
    /// Only the contacts with this role (as their profile names it, case aside) get it: a definition's
    /// <c>notify … contacts:</c>. Null: every contact with an address.
    /// </param>
    public async Task DeliverAsync(TenantPath home, IReadOnlyList<TenantPath> recipients, InboxEntry entry, JsonObject inputs, string? contactRole = null)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(inputs);
        if (!sender.IsEnabled || recipients.Count == 0)
        {
            return;
        }
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var subject = await SubjectAsync(home, inputs);
        var kind = KindOf(entry, subject);
        var category = kind is EmailKinds.Escalation or EmailKinds.TaskAssigned ? Delivery.EscalationsAndTasks : Delivery.CheckInsAndNotifications;
        foreach (var tenant in recipients.Distinct())
        {
            var profile = await grains.GetGrain<IOrganisationGrain>(OrganisationGrain.KeyFor(tenant)).Describe();
            var tenantName = (await grains.GetGrain<ITenantGrain>(tenant.Value).Describe())?.Name ?? tenant.TenantId;
            var emails = new List<OutgoingEmail>();
            var digestItems = new List<DigestItem>();
            var later = new List<LaterEmail>();
            var chosen = profile.Contacts
                .Where(c => c.Email is not null)
                .Where(c => contactRole is null || string.Equals(c.Role?.Trim(), contactRole.Trim(), StringComparison.OrdinalIgnoreCase))
                .DistinctBy(c => c.Email!.ToLowerInvariant());
            foreach (var contact in chosen)
            {
                var how = HowReceived(contact, category);
                if (how == Delivery.None)
                {
                    continue;
                }
                var to = new EmailRecipient(contact.Name, contact.Email!);
                var language = contact.Language ?? "en";
                var deliveryId = $"{entry.Id}|{contact.Email!.ToLowerInvariant()}";
                var unsubscribeLink = await unsubscribe.LinkAsync(tenant.TenantId, contact.Email!, category);
                var commitmentLink = subject.Commitment is { } c ? options.Value.Link(CommitmentPage(tenant, c.Id)).ToString() : null;
                if (how == Delivery.Digest)
                {
                    digestItems.Add(new DigestItem(deliveryId, to, language, tenantName, unsubscribeLink,
                        new DigestLine(entry.At, kind, entry.Message, subject.Commitment, subject.DaysSilent, commitmentLink)));
                    continue;
                }
                var email = new OutgoingEmail(
                    deliveryId, kind, language, to, tenantName, entry.At, entry.Level, entry.Message, subject.Commitment, subject.DaysSilent,
                    commitmentLink, kind == EmailKinds.TaskAssigned ? entry.Message : null, TaskLink(entry), entry.DueAt, unsubscribeLink, null);
                emails.Add(email);
                if (DueSoon(entry, email) is { } reminder)
                {
                    later.Add(reminder);
                }
            }
            if (emails.Count > 0 || digestItems.Count > 0)
            {
                await grains.GetGrain<ITenantMailOutboxGrain>(TenantMailOutboxGrain.KeyFor(tenant)).Enqueue(emails, digestItems, later);
            }
        }
    }

    /// <summary>
    /// The template an entry gets. A notification about a commitment is a check-in (the standard lifecycle's monthly
    /// question; any definition's notification about a commitment asks the same: say where it stands).
    /// </summary>
    private static string KindOf(InboxEntry entry, Subject subject) => entry.Kind switch
    {
        OutboxKinds.Escalation => EmailKinds.Escalation,
        OutboxKinds.Task => EmailKinds.TaskAssigned,
        _ => subject.Commitment is null ? EmailKinds.Notification : EmailKinds.CheckIn,
    };

    /// <summary>A task with a due date far enough ahead gets a "due soon" e-mail then, if still open.</summary>
    private LaterEmail? DueSoon(InboxEntry entry, OutgoingEmail assigned)
    {
        if (assigned.Kind != EmailKinds.TaskAssigned || entry.DueAt is not { } due || entry.TaskId is null)
        {
            return null;
        }
        var remindAt = due - options.Value.TaskDueSoonBefore;
        if (remindAt <= entry.At)
        {
            return null;
        }
        var instanceKey = TenantScopedKey.For(TenantPath.Parse(entry.HomeTenant), entry.InstanceId);
        return new LaterEmail(
            assigned with { DeliveryId = assigned.DeliveryId + "|due-soon", Kind = EmailKinds.TaskDueSoon, At = remindAt },
            remindAt, new OpenTask(instanceKey, entry.TaskId));
    }

    private static string HowReceived(ContactPerson contact, string category)
    {
        var receives = contact.Receives ?? ContactReceives.Defaults;
        return category == Delivery.EscalationsAndTasks ? receives.EscalationsAndTasks : receives.CheckInsAndNotifications;
    }

    private static string CommitmentPage(TenantPath viewer, string commitmentId) =>
        $"commitments/{Uri.EscapeDataString(viewer.TenantId)}/{Uri.EscapeDataString(commitmentId)}";

    private string? TaskLink(InboxEntry entry) =>
        entry.TaskId is null
            ? null
            // The tasks page marks each task's form with this id (TasksPage.TaskAnchor), so the browser scrolls to it.
            : options.Value.Link($"tasks#task-{Uri.EscapeDataString(entry.InstanceId)}-{Uri.EscapeDataString(entry.TaskId)}").ToString();

    /// <summary>The commitment the instance follows (its <c>commitmentId</c> input), with how long it has been silent.</summary>
    private async Task<Subject> SubjectAsync(TenantPath home, JsonObject inputs)
    {
        if (inputs["commitmentId"] is not JsonValue value || !value.TryGetValue<string>(out var commitmentId) || string.IsNullOrWhiteSpace(commitmentId))
        {
            return new Subject(null, null);
        }
        var snapshot = await grains.GetGrain<ICommitmentGrain>(TenantScopedKey.For(home, commitmentId)).Describe();
        if (snapshot is null)
        {
            return new Subject(null, null);
        }
        var lastHeard = snapshot.LastProgressAt ?? snapshot.CreatedAt;
        var days = (int)Math.Floor((clock.GetUtcNow() - lastHeard).TotalDays);
        return new Subject(
            new EmailCommitment(snapshot.Draft.Id, snapshot.Draft.Text, snapshot.Draft.SessionTitle, snapshot.Status),
            Math.Max(0, days));
    }

    private sealed record Subject(EmailCommitment? Commitment, int? DaysSilent);
}
