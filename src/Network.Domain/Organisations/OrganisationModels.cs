namespace Network.Domain.Organisations;

/// <summary>A person to contact at an organisation, what they do there, and what e-mail they get.</summary>
/// <param name="Language">en, fr or es; null in profiles stored before contacts had one (read as en).</param>
/// <param name="Receives">Null in profiles stored before subscriptions (read as the defaults).</param>
[GenerateSerializer, Immutable]
public sealed record ContactPerson(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Role,
    [property: Id(2)] string? Email,
    [property: Id(3)] string? Language = null,
    [property: Id(4)] ContactReceives? Receives = null);

/// <summary>How a contact gets each category of e-mail (see <see cref="Notifications.Delivery"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record ContactReceives(
    [property: Id(0)] string EscalationsAndTasks,
    [property: Id(1)] string CheckInsAndNotifications)
{
    public static ContactReceives Defaults { get; } = new(Notifications.Delivery.Immediate, Notifications.Delivery.Digest);
}

/// <summary>A tenant's profile as an organisation: what it is and whom to talk to.</summary>
[GenerateSerializer, Immutable]
public sealed record OrganisationProfile(
    [property: Id(0)] string? Description,
    [property: Id(1)] string? Website,
    [property: Id(2)] IReadOnlyList<ContactPerson> Contacts);
