namespace Network.Contracts.Sessions;

/// <summary>
/// A session report in structured form: what the importer reads out of a session letter, and what
/// <c>GET /api/tenants/{tenant}/sessions/{id}</c> exports. It can be posted back as it is.
/// </summary>
/// <param name="Id">The session's id (set on export; ignored on import, where it is derived from forum, year and code).</param>
/// <param name="HeldOn">The session date (ISO 8601 date).</param>
/// <param name="DateInferred">True when the date was inferred from the report; then only its month is meaningful.</param>
public sealed record SessionResource(
    string Forum,
    string? SessionCode,
    string Title,
    string? Theme,
    DateOnly HeldOn,
    bool DateInferred,
    IReadOnlyList<PeriodResource> Periods,
    IReadOnlyList<PriorityMessageResource> PriorityMessages,
    IReadOnlyList<string> Reflections,
    string? Id = null);

/// <summary>A commitment period and the milestone it is due at (e.g. "GFMD Germany, June 2017", 2017-06-30).</summary>
public sealed record PeriodResource(
    int Number,
    string Title,
    string Milestone,
    DateOnly DueOn,
    IReadOnlyList<SessionCommitmentResource> Commitments);

/// <summary>One strategic step as the report states it.</summary>
/// <param name="Id">Set on export; ignored on import.</param>
/// <param name="Owners">Who committed: names from the report; on export each says the tenant it resolved to.</param>
public sealed record SessionCommitmentResource(
    int Ordinal,
    string Text,
    string WhoText,
    IReadOnlyList<OwnerResource> Owners,
    IReadOnlyList<MilestoneResource> Milestones,
    IReadOnlyList<ContactResource> Contacts,
    InterestResource? Interest,
    string? Condition,
    string? Dependency,
    string? Id = null);

/// <param name="Tenant">The id of the tenant the name resolved to; null when it matched none.</param>
public sealed record OwnerResource(string Name, string? Tenant = null);

public sealed record MilestoneResource(string Title, DateOnly DueOn);

/// <param name="OrganisationTenant">The id of the tenant the organisation resolved to, if any (export only).</param>
public sealed record ContactResource(string Name, string? Role, string? Organisation, string? Condition, string? OrganisationTenant = null);

public sealed record InterestResource(int Count, IReadOnlyList<string> Names);

public sealed record PriorityMessageResource(int Number, string Text, DateOnly DueOn);

/// <summary>What an import did (or, on a dry run, would do).</summary>
/// <param name="Created">False when the session already existed (nothing new was made) or on a dry run.</param>
/// <param name="UnresolvedNames">Names in the report that matched no tenant; kept as text on the commitments.</param>
public sealed record ImportResultResource(
    SessionResource Session,
    IReadOnlyList<string> CommitmentIds,
    IReadOnlyList<string> UnresolvedNames,
    bool DryRun,
    bool Created);
