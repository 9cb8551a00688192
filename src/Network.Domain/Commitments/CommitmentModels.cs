using Network.Domain.Tenancy;

namespace Network.Domain.Commitments;

/// <summary>A tenant that owns a commitment, or a name from the report that matched no tenant (Tenant null).</summary>
[GenerateSerializer, Immutable]
public sealed record CommitmentOwner(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Tenant);

/// <summary>A person named on a commitment.</summary>
[GenerateSerializer, Immutable]
public sealed record CommitmentContact(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Role,
    [property: Id(2)] string? Organisation,
    [property: Id(3)] string? OrganisationTenant,
    [property: Id(4)] string? Condition);

[GenerateSerializer, Immutable]
public sealed record CommitmentMilestone(
    [property: Id(0)] string Title,
    [property: Id(1)] DateOnly DueOn);

[GenerateSerializer, Immutable]
public sealed record CommitmentInterest(
    [property: Id(0)] int Count,
    [property: Id(1)] IReadOnlyList<string> Names);

/// <summary>Everything an import knows about a commitment: what <see cref="ICommitmentGrain.Import"/> records.</summary>
[GenerateSerializer, Immutable]
public sealed record CommitmentDraft(
    [property: Id(0)] string Id,
    [property: Id(1)] string SessionId,
    [property: Id(2)] string SessionTitle,
    [property: Id(3)] int Period,
    [property: Id(4)] string PeriodMilestone,
    [property: Id(5)] int Ordinal,
    [property: Id(6)] string Text,
    [property: Id(7)] string WhoText,
    [property: Id(8)] DateOnly DueOn,
    [property: Id(9)] IReadOnlyList<CommitmentMilestone> Milestones,
    [property: Id(10)] IReadOnlyList<CommitmentOwner> Owners,
    [property: Id(11)] IReadOnlyList<CommitmentContact> Contacts,
    [property: Id(12)] CommitmentInterest? Interest,
    [property: Id(13)] string? Condition,
    [property: Id(14)] string? Dependency,
    [property: Id(15)] string Status);

/// <summary>One entry of a commitment's append-only history.</summary>
/// <param name="Kind">"imported", "progress", "owners" or "interest".</param>
/// <param name="By">Who: the tenant path and key id of the caller, or "system".</param>
[GenerateSerializer, Immutable]
public sealed record CommitmentHistoryEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string By,
    [property: Id(3)] string Status,
    [property: Id(4)] string? Note,
    [property: Id(5)] string? EvidenceUrl);

/// <summary>A history entry with its number: the first entry is 1, and pages of the history run after a number.</summary>
[GenerateSerializer, Immutable]
public sealed record CommitmentHistoryLine([property: Id(0)] long Seq, [property: Id(1)] CommitmentHistoryEntry Entry);

/// <summary>
/// A commitment as grains hand it out: the draft it was made from, its status, and the latest of its history. The
/// whole history is read a page at a time (<see cref="ICommitmentGrain.ReadHistory"/>), so what a grain holds and
/// answers stays the same size however long a commitment is followed.
/// </summary>
/// <param name="RecentHistory">The latest entries, at most <see cref="CommitmentHistoryWindow.Recent"/>, oldest first.</param>
/// <param name="HistoryCount">How many entries the whole history has (the last one's number).</param>
/// <param name="LastProgressAt">When progress was last reported, if ever: the commitment's latest sign of life.</param>
[GenerateSerializer, Immutable]
public sealed record CommitmentSnapshot(
    [property: Id(0)] TenantPath HomeTenant,
    [property: Id(1)] CommitmentDraft Draft,
    [property: Id(2)] string Status,
    [property: Id(3)] IReadOnlyList<CommitmentHistoryLine> RecentHistory,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] long HistoryCount,
    [property: Id(7)] DateTimeOffset? LastProgressAt);

/// <summary>A progress update: the new status, what happened, and where to see it.</summary>
/// <param name="MessageId">The sender's message id when it came over a tenant link: an update is applied once per id.</param>
[GenerateSerializer, Immutable]
public sealed record ProgressUpdate(
    [property: Id(0)] string Status,
    [property: Id(1)] string? Note,
    [property: Id(2)] string? EvidenceUrl,
    [property: Id(3)] string? MessageId = null);

/// <summary>A tenant that can see a commitment wants to take part in it.</summary>
/// <param name="MessageId">The sender's message id: an expression of interest is applied once per id.</param>
[GenerateSerializer, Immutable]
public sealed record InterestExpression(
    [property: Id(0)] string? Note,
    [property: Id(1)] string? MessageId = null);
