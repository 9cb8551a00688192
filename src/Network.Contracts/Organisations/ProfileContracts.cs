namespace Network.Contracts.Organisations;

/// <summary>A tenant's organisation profile: what it is, whom to talk to, and other names it goes by.</summary>
/// <param name="Aliases">Other names and acronyms (e.g. "TMP"), used to match the tenant in imported reports.</param>
public sealed record OrganisationProfileDocument(
    string? Description,
    string? Website,
    IReadOnlyList<ContactPersonDocument> Contacts,
    IReadOnlyList<string>? Aliases = null);

public sealed record ContactPersonDocument(string Name, string? Role = null, string? Email = null);
