namespace Network.Contracts.Organisations;

/// <summary>A tenant's organisation profile: what it is, whom to talk to, and other names it goes by.</summary>
/// <param name="Aliases">Other names and acronyms (e.g. "TMP"), used to match the tenant in imported reports.</param>
public sealed record OrganisationProfileResource(
    string? Description,
    string? Website,
    IReadOnlyList<ContactPersonResource> Contacts,
    IReadOnlyList<string>? Aliases = null);

/// <summary>A person at the organisation; with an e-mail address, the notifications addressed to the tenant reach them.</summary>
/// <param name="Language">en, fr or es (default en): the language of the e-mails they get.</param>
/// <param name="Receives">What they get by e-mail; defaults when left out.</param>
public sealed record ContactPersonResource(
    string Name,
    string? Role = null,
    string? Email = null,
    string? Language = null,
    ContactReceivesResource? Receives = null);

/// <summary>
/// How a contact gets each category of e-mail: <c>immediate</c> (one e-mail each), <c>digest</c> (gathered into a
/// weekly e-mail) or <c>none</c>.
/// </summary>
/// <param name="EscalationsAndTasks">Escalations and tasks assigned; default <c>immediate</c>.</param>
/// <param name="CheckInsAndNotifications">Check-in reminders and other notifications; default <c>digest</c>.</param>
public sealed record ContactReceivesResource(string? EscalationsAndTasks = null, string? CheckInsAndNotifications = null);
