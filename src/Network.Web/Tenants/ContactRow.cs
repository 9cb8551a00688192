using Network.Contracts.Organisations;
using Network.Domain.Notifications;

namespace Network.Web.Tenants;

/// <summary>One contact as the profile form edits it: who, and what e-mail they get in which language.</summary>
public sealed class ContactRow
{
    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Email { get; set; }

    public string Language { get; set; } = "en";

    public string EscalationsAndTasks { get; set; } = Delivery.Immediate;

    public string CheckInsAndNotifications { get; set; } = Delivery.Digest;

    public static ContactRow From(ContactPersonResource contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new ContactRow
        {
            Name = contact.Name,
            Role = contact.Role,
            Email = contact.Email,
            Language = contact.Language ?? "en",
            EscalationsAndTasks = contact.Receives?.EscalationsAndTasks ?? Delivery.Immediate,
            CheckInsAndNotifications = contact.Receives?.CheckInsAndNotifications ?? Delivery.Digest,
        };
    }

    /// <summary>A row left blank is not a contact; the domain checks the rest (a name, an address's shape).</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(Email);

    public ContactPersonResource ToDocument() => new(
        Name?.Trim() ?? "", Blank(Role), Blank(Email), Language,
        new ContactReceivesResource(EscalationsAndTasks, CheckInsAndNotifications));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
