using Network.Contracts.Organisations;
using Network.Domain.Audit;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;

namespace Network.Domain.Organisations;

/// <summary>A tenant's organisation profile (contacts, description, website) and the aliases reports may use.</summary>
public sealed class ProfileService(CallerAccess access, IGrainFactory grains, Auditor auditor)
{
    public async Task<OrganisationProfileResource> GetAsync(string tenantId)
    {
        var path = await access.TenantAsync(tenantId, "id");
        var tenant = await access.Directory.Grain(path).Describe() ?? throw new DomainNotFoundException($"No tenant '{tenantId}'.");
        var profile = await grains.GetGrain<IOrganisationGrain>(OrganisationGrain.KeyFor(path)).Describe();
        return ToDocument(profile, tenant.Aliases ?? []);
    }

    /// <summary>Replaces the profile and the aliases. Coordinators only.</summary>
    public Task<OrganisationProfileResource> PutAsync(string tenantId, OrganisationProfileResource document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return auditor.ChangeAsync(AuditActions.ProfileUpdate, tenantId, "profile", () => PutCoreAsync(tenantId, document));
    }

    private async Task<OrganisationProfileResource> PutCoreAsync(string tenantId, OrganisationProfileResource document)
    {
        var path = await access.TenantAsync(tenantId, "id");
        // Check the aliases before writing the profile, so a bad alias changes nothing at all.
        var aliases = TenantRules.ValidateAliases(document.Aliases);
        var caller = CallerAccess.Caller;
        if (!caller.IsSystem && caller.Role != TenantRole.Coordinator)
        {
            throw new RoleForbiddenException("Only a coordinator may change an organisation's profile.");
        }
        var profile = await grains.GetGrain<IOrganisationGrain>(OrganisationGrain.KeyFor(path)).Update(new OrganisationProfile(
            document.Description, document.Website,
            (document.Contacts ?? []).Select(ToContact).ToList()));
        var tenant = await access.Directory.Grain(path).SetAliases(aliases);
        return ToDocument(profile, tenant.Aliases ?? []);
    }

    private static OrganisationProfileResource ToDocument(OrganisationProfile profile, IReadOnlyList<string> aliases) =>
        new(profile.Description, profile.Website, profile.Contacts.Select(ToDocument).ToList(), aliases);

    /// <summary>Left-out choices stay null here: the grain fills in the defaults, its one home.</summary>
    private static ContactPerson ToContact(ContactPersonResource contact) => new(
        contact.Name, contact.Role, contact.Email, contact.Language,
        contact.Receives is { } receives ? new ContactReceives(receives.EscalationsAndTasks!, receives.CheckInsAndNotifications!) : null);

    /// <summary>Profiles stored before contacts had a language and choices read as English and the defaults.</summary>
    private static ContactPersonResource ToDocument(ContactPerson contact)
    {
        var receives = contact.Receives ?? ContactReceives.Defaults;
        return new(contact.Name, contact.Role, contact.Email, contact.Language ?? "en",
            new ContactReceivesResource(receives.EscalationsAndTasks, receives.CheckInsAndNotifications));
    }
}
