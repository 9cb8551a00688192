using Network.Domain.Errors;
using Network.Domain.Audit;
using Network.Domain.Organisations;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;

namespace Network.Domain.Notifications;

/// <summary>
/// The doors' way to e-mail: stop a category of e-mail by an unsubscribe link (no caller: the link's signature is
/// the authority), send a test e-mail to one of a tenant's contacts (its coordinators), and what waits in a
/// tenant's mail outbox.
/// </summary>
public sealed class NotificationService(CallerAccess access, IGrainFactory grains, UnsubscribeLinks links, IEmailSender sender, TimeProvider clock, Auditor auditor)
{
    /// <summary>Checks the token and stops that category for that address; the same link used twice changes nothing more.</summary>
    public async Task<UnsubscribeOutcome> UnsubscribeAsync(string? token)
    {
        var request = await links.ReadAsync(token);
        // No key: the signed link is the authority, so the line names the system as actor and the contact as target.
        return await auditor.ChangeAsync(AuditActions.EmailUnsubscribe, request.TenantId, $"contact/{request.Address}/{request.Category}",
            () => UnsubscribeCoreAsync(request));
    }

    private async Task<UnsubscribeOutcome> UnsubscribeCoreAsync(UnsubscribeRequest request)
    {
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var path = await access.Directory.FindPathAsync(request.TenantId, TenantCaller.System)
            ?? throw new DomainNotFoundException("The organisation this link was sent for no longer exists.");
        var tenant = await access.Directory.Grain(path).Describe();
        var changed = await grains.GetGrain<IOrganisationGrain>(OrganisationGrain.KeyFor(path)).StopEmail(request.Address, request.Category);
        return new UnsubscribeOutcome(tenant?.Name ?? request.TenantId, request.Address, request.Category, changed);
    }

    /// <summary>Reads a token without acting on it (the page that asks "stop these e-mails?").</summary>
    public Task<UnsubscribeRequest> ReadUnsubscribeAsync(string? token) => links.ReadAsync(token);

    /// <summary>Queues a test e-mail to <paramref name="address"/>, which must be one of the tenant's contacts. Coordinators only.</summary>
    public Task<string> SendTestAsync(string tenantId, string? address) =>
        auditor.ChangeAsync(AuditActions.EmailTest, tenantId, $"contact/{address}", () => SendTestCoreAsync(tenantId, address));

    private async Task<string> SendTestCoreAsync(string tenantId, string? address)
    {
        var path = await access.TenantAsync(tenantId, "id");
        RequireCoordinator();
        if (!sender.IsEnabled)
        {
            throw new DomainConflictException("E-mail is off: no SMTP server is configured (Notifications:Smtp:Host).");
        }
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new DomainValidationException("address", "Say which contact's address to send the test e-mail to.");
        }
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var profile = await grains.GetGrain<IOrganisationGrain>(OrganisationGrain.KeyFor(path)).Describe();
        // Only the tenant's own contacts: the button must not make Network send mail to anyone a key holder names.
        var contact = profile.Contacts.FirstOrDefault(c => string.Equals(c.Email, address.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new DomainValidationException("address", $"'{address}' is not the address of one of this organisation's contacts.");
        var tenant = await access.Directory.Grain(path).Describe();
        var deliveryId = $"{path.Value}|test|{Guid.NewGuid():N}";
        var email = new OutgoingEmail(deliveryId, EmailKinds.Test, contact.Language ?? "en", new EmailRecipient(contact.Name, contact.Email!),
            tenant?.Name ?? tenantId, clock.GetUtcNow(), null, null, null, null, null, null, null, null, null, null);
        await grains.GetGrain<ITenantMailOutboxGrain>(TenantMailOutboxGrain.KeyFor(path)).Enqueue([email], [], []);
        return deliveryId;
    }

    /// <summary>E-mail waiting for the server and digests gathering. Coordinators only.</summary>
    public async Task<MailOutboxStatus> OutboxAsync(string tenantId)
    {
        var path = await access.TenantAsync(tenantId, "id");
        RequireCoordinator();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        return await grains.GetGrain<ITenantMailOutboxGrain>(TenantMailOutboxGrain.KeyFor(path)).Status();
    }

    public bool EmailIsOn => sender.IsEnabled;

    private static void RequireCoordinator()
    {
        var caller = CallerAccess.Caller;
        if (!caller.IsSystem && caller.Role != TenantRole.Coordinator)
        {
            throw new RoleForbiddenException("Only a coordinator may do this.");
        }
    }
}

/// <summary>What an unsubscribe link stopped: <see cref="Contacts"/> is 0 when it had been stopped already.</summary>
public sealed record UnsubscribeOutcome(string TenantName, string Address, string Category, int Contacts);
