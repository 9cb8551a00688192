using Network.Domain.Commitments;

namespace Network.Domain.Reporting;

/// <summary>
/// The status a report counts for a commitment: the one its owners (or the import) last recorded, except that a
/// commitment the workflow holds stalled at that moment — no progress for its <c>stallAfter</c> — counts as stalled
/// unless it is already complete, blocked or withdrawn. So a "limited" commitment nobody has answered for for months
/// is not reported as moving.
/// </summary>
public static class ReportStatusRule
{
    public static string Counted(string recordedStatus, bool stalledNow) =>
        stalledNow && recordedStatus is CommitmentStatuses.NotStarted or CommitmentStatuses.Limited or CommitmentStatuses.Substantial
            ? CommitmentStatuses.Stalled
            : recordedStatus;
}
