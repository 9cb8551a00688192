namespace Network.Domain.Organisations;

/// <summary>A person to contact at an organisation, and what they do there.</summary>
[GenerateSerializer, Immutable]
public sealed record ContactPerson(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Role,
    [property: Id(2)] string? Email);

/// <summary>A tenant's profile as an organisation: what it is and whom to talk to.</summary>
[GenerateSerializer, Immutable]
public sealed record OrganisationProfile(
    [property: Id(0)] string? Description,
    [property: Id(1)] string? Website,
    [property: Id(2)] IReadOnlyList<ContactPerson> Contacts);
