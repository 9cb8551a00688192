using Network.Contracts.Commitments;
using Network.Domain.ReadModel;
using Network.Domain.Sessions;
using Network.Domain.Tenancy;

namespace Network.Domain.Commitments;

/// <summary>From the commitment grain's and the read model's types to the wire contracts.</summary>
public static class CommitmentMapping
{
    public static CommitmentResource ToResource(this CommitmentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var draft = snapshot.Draft;
        var document = draft.ToDocument();
        return new CommitmentResource(
            draft.Id, snapshot.HomeTenant.TenantId, draft.SessionId, draft.SessionTitle, draft.Period, draft.PeriodMilestone,
            draft.Ordinal, draft.Text, draft.WhoText, draft.DueOn, snapshot.Status,
            document.Milestones, document.Owners, document.Contacts, document.Interest, draft.Condition, draft.Dependency,
            snapshot.RecentHistory.Select(ToResource).ToList(),
            snapshot.CreatedAt, snapshot.UpdatedAt, snapshot.HistoryCount, snapshot.LastProgressAt);
    }

    public static HistoryEntryResource ToResource(this CommitmentHistoryLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var entry = line.Entry;
        return new HistoryEntryResource(line.Seq, entry.At, entry.Kind, entry.By, entry.Status, entry.Note, entry.EvidenceUrl);
    }

    public static CommitmentSummaryResource ToSummary(this CommitmentListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new CommitmentSummaryResource(
            row.Id, TenantPath.Parse(row.HomeTenant).TenantId, row.SessionId, row.Period, row.Ordinal, row.Summary, row.Status,
            row.DueOn, row.Owners.Select(o => TenantPath.Parse(o).TenantId).ToList(), row.UpdatedAt);
    }
}
