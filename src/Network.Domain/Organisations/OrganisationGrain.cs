using Network.Domain.Errors;
using Network.Domain.Notifications;
using Network.Domain.Storage;
using Network.Domain.Tenancy;

namespace Network.Domain.Organisations;

[GrainType("organisation")]
public sealed class OrganisationGrain(
    [PersistentState("organisation", StorageNames.Network)] IPersistentState<OrganisationProfile> state)
    : Grain, IOrganisationGrain
{
    public const string LocalId = "profile";
    public const int MaxContacts = 50;
    public const int MaxTextLength = 2000;

    public static string KeyFor(TenantPath tenant) => TenantScopedKey.For(tenant, LocalId);

    public Task<OrganisationProfile> Describe() =>
        Task.FromResult(state.RecordExists ? state.State : new OrganisationProfile(null, null, []));

    public async Task<OrganisationProfile> Update(OrganisationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (TenantCallContext.Current is { IsSystem: false, Role: not TenantRole.Coordinator })
        {
            throw new RoleForbiddenException("Only a coordinator may change an organisation's profile.");
        }
        state.State = Validate(profile);
        await state.WriteOrStartOverAsync(this);
        return state.State;
    }

    public async Task<int> StopEmail(string address, string category)
    {
        if (TenantCallContext.Current is not { IsSystem: true })
        {
            throw new TenantAccessDeniedException(this.GetPrimaryKeyString());
        }
        if (!state.RecordExists)
        {
            return 0;
        }
        var changed = 0;
        var contacts = state.State.Contacts.Select(contact =>
        {
            if (!string.Equals(contact.Email, address, StringComparison.OrdinalIgnoreCase))
            {
                return contact;
            }
            var receives = contact.Receives ?? ContactReceives.Defaults;
            var stopped = category == Delivery.EscalationsAndTasks
                ? receives with { EscalationsAndTasks = Delivery.None }
                : receives with { CheckInsAndNotifications = Delivery.None };
            if (stopped == receives)
            {
                return contact;
            }
            changed++;
            return contact with { Receives = stopped };
        }).ToList();
        if (changed > 0)
        {
            state.State = state.State with { Contacts = contacts };
            await state.WriteOrStartOverAsync(this);
        }
        return changed;
    }

    private static OrganisationProfile Validate(OrganisationProfile profile)
    {
        var contacts = profile.Contacts ?? [];
        if (contacts.Count > MaxContacts)
        {
            throw new DomainValidationException("contacts", $"{contacts.Count} contacts given; at most {MaxContacts} are allowed.");
        }
        return new OrganisationProfile(
            Optional(profile.Description, "description"),
            Website(profile.Website),
            contacts.Select((c, i) => new ContactPerson(
                Required(c.Name, $"contacts[{i}].name"),
                Optional(c.Role, $"contacts[{i}].role"),
                Email(c.Email, $"contacts[{i}].email"),
                Language(c.Language, $"contacts[{i}].language"),
                Receives(c.Receives, $"contacts[{i}].receives"))).ToList());
    }

    private static string Language(string? language, string field)
    {
        var trimmed = language?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed))
        {
            return "en";
        }
        return Delivery.Languages.Contains(trimmed)
            ? trimmed
            : throw new DomainValidationException(field, $"'{language}' is not a language e-mail is written in; use one of {string.Join(", ", Delivery.Languages)}.");
    }

    private static ContactReceives Receives(ContactReceives? receives, string field) => new(
        Choice(receives?.EscalationsAndTasks, ContactReceives.Defaults.EscalationsAndTasks, $"{field}.escalationsAndTasks"),
        Choice(receives?.CheckInsAndNotifications, ContactReceives.Defaults.CheckInsAndNotifications, $"{field}.checkInsAndNotifications"));

    private static string Choice(string? choice, string fallback, string field)
    {
        var trimmed = choice?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(trimmed))
        {
            return fallback;
        }
        return Delivery.Choices.Contains(trimmed)
            ? trimmed
            : throw new DomainValidationException(field, $"'{choice}' is not a way to receive e-mail; use one of {string.Join(", ", Delivery.Choices)}.");
    }

    private static string Required(string? text, string field) => TextRules.Required(text, field, MaxTextLength);

    private static string? Optional(string? text, string field) => TextRules.Optional(text, field, MaxTextLength);

    private static string? Website(string? url) => TextRules.OptionalLink(url, "website");

    private static string? Email(string? email, string field)
    {
        var trimmed = Optional(email, field);
        if (trimmed is null)
        {
            return null;
        }
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < trimmed.Length - 1 && !trimmed.Contains(' ', StringComparison.Ordinal)
            ? trimmed
            : throw new DomainValidationException(field, $"'{email}' is not an e-mail address.");
    }
}
