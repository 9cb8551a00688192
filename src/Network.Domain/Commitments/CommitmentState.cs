using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Commitments;

/// <summary>The stored state of a commitment grain.</summary>
public sealed class CommitmentState
{
    public const string StateName = "commitment";

    public bool Exists { get; set; }
    public string HomeTenant { get; set; } = "";
    public CommitmentDraft? Draft { get; set; }
    public string Status { get; set; } = CommitmentStatuses.NotStarted;
    public List<CommitmentHistoryEntry> History { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Events raised by changes and not yet handed to the workflows (see <see cref="Workflows.DomainEventRecord"/>).</summary>
    public List<Workflows.DomainEventRecord> Outbox { get; set; } = [];

    /// <summary>Ids of the link messages applied, oldest first (the last <see cref="RememberedMessageIds"/>), so a redelivery changes nothing.</summary>
    public List<string> AppliedMessageIds { get; set; } = [];

    public const int RememberedMessageIds = 500;

    /// <summary>True when the message was applied before; otherwise remembers it (with the change about to be written).</summary>
    public bool AlreadyApplied(string? messageId)
    {
        if (messageId is null)
        {
            return false;
        }
        if (WasApplied(messageId))
        {
            return true;
        }
        AppliedMessageIds.Add(messageId);
        if (AppliedMessageIds.Count > RememberedMessageIds)
        {
            AppliedMessageIds.RemoveRange(0, AppliedMessageIds.Count - RememberedMessageIds);
        }
        return false;
    }

    /// <summary>True when the message is among those remembered as applied; remembers nothing (a question, not a change).</summary>
    public bool WasApplied(string messageId) => AppliedMessageIds.Contains(messageId, StringComparer.Ordinal);

    /// <summary>Counts the writes of this state; the list row carries it so it only ever moves forward.</summary>
    public long Version { get; set; }

    public IEnumerable<TenantPath> OwnerTenants =>
        (Draft?.Owners ?? []).Where(o => o.Tenant is not null).Select(o => TenantPath.Parse(o.Tenant!));

    public CommitmentSnapshot ToSnapshot() =>
        new(TenantPath.Parse(HomeTenant), Draft!, Status, History.ToList(), CreatedAt, UpdatedAt);

    /// <summary>The row lists show.</summary>
    public CommitmentListRow ToListRow(string grainKey)
    {
        var draft = Draft!;
        var summary = draft.Text.Length <= 200 ? draft.Text : draft.Text[..197] + "...";
        return new CommitmentListRow(grainKey, draft.Id, HomeTenant, draft.SessionId, draft.Period, draft.Ordinal, summary,
            Status, draft.DueOn, OwnerTenants.Select(t => t.Value).Distinct().ToList(), UpdatedAt, Version);
    }
}
