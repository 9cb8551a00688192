using Network.Domain.Commitments;

namespace Network.Domain.Reporting;

/// <summary>
/// Rebuilds a commitment as it stood at a moment from its append-only history and its workflow's journal: the
/// status then, the latest update, the evidence, the path of statuses, the milestones, the silences and the stalls.
/// History recorded after the moment is left out; a moment before the commitment was recorded shows it as the
/// session's letter gave it.
/// </summary>
public static class ReportCommitmentBuilder
{
    public static ReportCommitment Build(CommitmentSource source, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(source);
        var commitment = source.Commitment;
        var draft = commitment.Draft;
        var history = source.History.Where(h => h.At <= asOf).OrderBy(h => h.At).ToList();

        var recordedStatus = history.Count > 0 ? history[^1].Status : draft.Status;
        var progress = history.Where(h => h.Kind == CommitmentHistoryKinds.Progress)
            .Select(h => new ReportUpdate(h.At, h.Status, h.Note, h.EvidenceUrl, h.By))
            .ToList();
        var trail = LifecycleTrail.Read(source.Journal, source.Tasks, asOf);
        var (silentDays, longestSilence) = Silences(progress, commitment.CreatedAt, asOf);

        return new ReportCommitment(
            draft.Id,
            commitment.HomeTenant.TenantId,
            draft.SessionId,
            draft.SessionTitle,
            draft.Period,
            draft.Ordinal,
            draft.Text,
            draft.WhoText,
            draft.Owners.Select(o => new ReportOwner(o.Name, o.Tenant is null ? null : Tenancy.TenantPath.Parse(o.Tenant).TenantId)).ToList(),
            draft.DueOn,
            ReportStatusRule.Counted(recordedStatus, trail.StalledNow),
            recordedStatus,
            progress.Count > 0 ? progress[^1] : null,
            EvidenceLinks(progress),
            trail.ForumReport,
            trail.ForumReportDueAt,
            trail.Verdict,
            MilestoneRule.Judge(draft.Milestones, progress, commitment.CreatedAt, asOf),
            draft.Interest,
            draft.Condition,
            draft.Dependency,
            new StallRecord(trail.Stalls, trail.HighestEscalation, trail.CurrentEscalation, trail.StalledNow, trail.StalledSince, silentDays, longestSilence),
            StatusPath(history, draft.Status, commitment.CreatedAt));
    }

    /// <summary>Only http and https evidence is a link a reader may follow; each once, oldest first.</summary>
    private static List<string> EvidenceLinks(IEnumerable<ReportUpdate> progress) =>
        progress.Select(p => p.EvidenceUrl)
            .Where(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            .Select(u => u!)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every change of status, starting with the status it was recorded with.</summary>
    private static List<StatusChange> StatusPath(List<CommitmentHistoryEntry> history, string initialStatus, DateTimeOffset recordedAt)
    {
        var path = new List<StatusChange>();
        if (history.Count == 0)
        {
            path.Add(new StatusChange(recordedAt, initialStatus, "system"));
            return path;
        }
        foreach (var entry in history)
        {
            if (path.Count == 0 || path[^1].Status != entry.Status)
            {
                path.Add(new StatusChange(entry.At, entry.Status, entry.By));
            }
        }
        return path;
    }

    /// <summary>
    /// Whole days since the last progress (or since the commitment was recorded), and the longest such stretch up to
    /// the moment. Nothing is silent before the commitment was recorded.
    /// </summary>
    private static (int Current, int Longest) Silences(List<ReportUpdate> progress, DateTimeOffset recordedAt, DateTimeOffset asOf)
    {
        if (asOf <= recordedAt)
        {
            return (0, 0);
        }
        var longest = TimeSpan.Zero;
        var since = recordedAt;
        foreach (var update in progress)
        {
            if (update.At > since)
            {
                longest = Max(longest, update.At - since);
                since = update.At;
            }
        }
        var current = asOf - since;
        return ((int)current.TotalDays, (int)Max(longest, current).TotalDays);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
