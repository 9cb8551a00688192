using Network.Contracts.Sessions;

namespace Network.Contracts.Commitments;

/// <summary>Commitment statuses as they appear on the wire.</summary>
public static class CommitmentStatusNames
{
    public static IReadOnlyList<string> All { get; } =
        ["not-started", "limited", "substantial", "complete", "stalled", "blocked", "withdrawn"];
}

/// <summary>One commitment with the latest of its history (the whole history: <c>GET …/commitments/{id}/history</c>).</summary>
/// <param name="HomeTenant">Id of the tenant the commitment belongs to (where its session was imported).</param>
/// <param name="History">The latest entries, at most 50, oldest first; each carries its number (<c>seq</c>).</param>
/// <param name="HistoryCount">How many entries the whole history has: more than <c>history</c> holds when it is long.</param>
/// <param name="LastProgressAt">When progress was last reported; null when never.</param>
public sealed record CommitmentResource(
    string Id,
    string HomeTenant,
    string SessionId,
    string SessionTitle,
    int Period,
    string PeriodMilestone,
    int Ordinal,
    string Text,
    string WhoText,
    DateOnly DueOn,
    string Status,
    IReadOnlyList<MilestoneResource> Milestones,
    IReadOnlyList<OwnerResource> Owners,
    IReadOnlyList<ContactResource> Contacts,
    InterestResource? Interest,
    string? Condition,
    string? Dependency,
    IReadOnlyList<HistoryEntryResource> History,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long HistoryCount,
    DateTimeOffset? LastProgressAt);

/// <param name="Seq">The entry's number: the first is 1; a page of the history starts after one (<c>?after=</c>).</param>
/// <param name="Kind">"imported", "progress", "owners" or "interest".</param>
/// <param name="By">The tenant and key that made the change, or "system".</param>
public sealed record HistoryEntryResource(long Seq, DateTimeOffset At, string Kind, string By, string Status, string? Note, string? EvidenceUrl);

/// <summary>A commitment as lists show it.</summary>
/// <param name="Owners">Ids of the owning tenants.</param>
public sealed record CommitmentSummaryResource(
    string Id,
    string HomeTenant,
    string SessionId,
    int Period,
    int Ordinal,
    string Summary,
    string Status,
    DateOnly DueOn,
    IReadOnlyList<string> Owners,
    DateTimeOffset UpdatedAt);

public sealed record CommitmentPage(IReadOnlyList<CommitmentSummaryResource> Items, int Total, int Offset, int Limit);

/// <summary>A progress update from an owner.</summary>
/// <param name="EvidenceUrl">An http(s) link to what shows the progress.</param>
public sealed record ReportProgressRequest(string Status, string? Note = null, string? EvidenceUrl = null);

/// <summary>Replaces a commitment's owners with these tenants.</summary>
/// <param name="Owners">Tenant ids.</param>
public sealed record AssignOwnersRequest(IReadOnlyList<string> Owners, string? Note = null);
