using Network.Contracts.Commitments;
using Network.Domain.Audit;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Commitments;

/// <summary>
/// Commitments seen from a tenant: those it is home to or owns, across its subtree. Lists come from the read model;
/// one commitment comes from its grain, which checks the caller again. The home of "who may report progress"
/// (<see cref="ProgressRules.MayReport"/>) for HTTP, the web app and the bus alike.
/// </summary>
public sealed class CommitmentService(CallerAccess access, ICommitmentReadModel readModel, IGrainFactory grains, Auditor auditor)
{
    /// <summary>The highest period number a filter may name.</summary>
    public const int MaxPeriod = 99;

    /// <summary>The most commitments one export holds (<see cref="ListAllAsync"/>); narrower filters get the rest.</summary>
    public const int MaxExportRows = 10_000;

    /// <summary>The longest text a search may look for (a summary is at most 200 characters).</summary>
    public const int MaxSearchLength = 200;

    public async Task<CommitmentPage> ListAsync(string tenantId, CommitmentFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var scope = await access.TenantAsync(tenantId);
        if (filter.Status is not null)
        {
            CommitmentStatuses.EnsureValid(filter.Status, "status");
        }
        var owner = filter.Owner is null ? (TenantPath?)null : await access.TenantAsync(filter.Owner, "owner");
        if (filter.Period is { } period)
        {
            ListPaging.InRange(period, "period", 1, MaxPeriod);
        }
        if (filter.Session is not null)
        {
            LocalIds.EnsureValid(filter.Session, "session");
        }
        var search = TextRules.Optional(filter.Search, "search", MaxSearchLength);
        ListPaging.Check(filter.Offset, filter.Limit);
        var query = new CommitmentListQuery(
            scope.Value, filter.Status, filter.Period, owner?.Value, filter.DueBefore, filter.Offset, filter.Limit, filter.Session, search);
        var page = await readModel.QueryAsync(query, ct);
        return new CommitmentPage(page.Items.Select(r => r.ToSummary()).ToList(), page.Total, query.Offset, query.Limit);
    }

    /// <summary>
    /// Every commitment the filter matches (its offset and limit are ignored), read page by page at the largest page
    /// size, for exports. Refused above <see cref="MaxExportRows"/>, so one request cannot hold the whole read model.
    /// </summary>
    public async Task<IReadOnlyList<CommitmentSummaryResource>> ListAllAsync(string tenantId, CommitmentFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var page = await ListAsync(tenantId, filter with { Offset = 0, Limit = ListPaging.MaxLimit }, ct);
        if (page.Total > MaxExportRows)
        {
            throw new CommitmentExportTooLargeException(page.Total, MaxExportRows);
        }
        var items = new List<CommitmentSummaryResource>(page.Total);
        var seen = new HashSet<(string Home, string Id)>();
        while (true)
        {
            // A row that moves between two pages while they are read (a status change under a status filter) is
            // kept once; one that moves out of reach of the pages is missed, as in any paged read.
            items.AddRange(page.Items.Where(item => seen.Add((item.HomeTenant, item.Id))));
            var next = page.Offset + page.Items.Count;
            if (page.Items.Count < page.Limit || next >= page.Total || items.Count >= MaxExportRows)
            {
                return items;
            }
            page = await ListAsync(tenantId, filter with { Offset = next, Limit = ListPaging.MaxLimit }, ct);
        }
    }

    public async Task<CommitmentResource> GetAsync(string tenantId, string commitmentId, CancellationToken ct = default)
    {
        var (grain, _) = await FindAsync(tenantId, commitmentId, ct);
        var snapshot = await grain.Describe() ?? throw new DomainNotFoundException($"No commitment '{commitmentId}'.");
        return snapshot.ToResource();
    }

    /// <summary>
    /// The commitment's history, oldest first: all of it, or (with <paramref name="afterSeq"/> or
    /// <paramref name="limit"/>) at most <paramref name="limit"/> entries (default and most
    /// <see cref="CommitmentHistoryWindow.MaxPage"/>) numbered after <paramref name="afterSeq"/>, as the journal pages.
    /// Seen by whoever may see the commitment.
    /// </summary>
    public async Task<IReadOnlyList<HistoryEntryResource>> HistoryAsync(
        string tenantId, string commitmentId, long? afterSeq = null, int? limit = null, CancellationToken ct = default)
    {
        var (grain, _) = await FindAsync(tenantId, commitmentId, ct);
        var lines = afterSeq is null && limit is null
            ? await grain.ReadHistory(0, int.MaxValue)
            : await grain.ReadHistory(Math.Max(0, afterSeq ?? 0), Math.Clamp(limit ?? CommitmentHistoryWindow.MaxPage, 1, CommitmentHistoryWindow.MaxPage));
        return lines.Select(line => line.ToResource()).ToList();
    }

    /// <summary>
    /// Records progress: an owner's key, or a coordinator above an owner or the home tenant. The report gets an id of
    /// its own, so a call sent again while the cluster changes (<see cref="Cluster.ClusterChangeRetryFilter"/>) records it once.
    /// </summary>
    public Task<CommitmentResource> ReportProgressAsync(string tenantId, string commitmentId, ReportProgressRequest request, CancellationToken ct = default) =>
        ReportProgressAsync(tenantId, commitmentId, request, messageId: "call-" + Guid.NewGuid().ToString("N"), ct);

    /// <param name="messageId">Applies the report once per id (a message redelivered by the bus changes nothing the second time).</param>
    public Task<CommitmentResource> ReportProgressAsync(
        string tenantId, string commitmentId, ReportProgressRequest request, string? messageId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return auditor.ChangeAsync(AuditActions.CommitmentProgress, tenantId, $"commitment/{commitmentId}",
            () => ReportProgressCoreAsync(tenantId, commitmentId, request, messageId, ct));
    }

    private async Task<CommitmentResource> ReportProgressCoreAsync(
        string tenantId, string commitmentId, ReportProgressRequest request, string? messageId, CancellationToken ct)
    {
        var (grain, row) = await FindAsync(tenantId, commitmentId, ct);
        using var _ = AuditOperation.Refine(row.HomeTenant);
        if (!ProgressRules.MayReport(CallerAccess.Caller, TenantPath.Parse(row.HomeTenant), row.Owners.Select(TenantPath.Parse)))
        {
            throw new DomainNotFoundException($"No commitment '{commitmentId}' is visible to this key.");
        }
        var snapshot = await grain.ReportProgress(new ProgressUpdate(request.Status, request.Note, request.EvidenceUrl, messageId));
        return snapshot.ToResource();
    }

    /// <summary>
    /// Whether the caller may report progress on the commitment (<see cref="ProgressRules.MayReport"/>), so the web
    /// app offers the form only to those the report would be accepted from. Not found as <see cref="GetAsync"/>.
    /// </summary>
    public async Task<bool> MayReportProgressAsync(string tenantId, string commitmentId, CancellationToken ct = default)
    {
        var (_, row) = await FindAsync(tenantId, commitmentId, ct);
        return ProgressRules.MayReport(CallerAccess.Caller, TenantPath.Parse(row.HomeTenant), row.Owners.Select(TenantPath.Parse));
    }

    /// <summary>
    /// What a progress report would meet, without making it: whether the caller may report on the commitment
    /// (<see cref="ProgressRules.MayReport"/>), the commitment's status now, and whether a report with
    /// <paramref name="messageId"/> was applied before (then sending it again changes nothing; not asked when null or
    /// when the caller may not report). Not found as <see cref="GetAsync"/>. For imports that check every row first.
    /// </summary>
    public async Task<ProgressReportCheck> CheckProgressReportAsync(string tenantId, string commitmentId, string? messageId, CancellationToken ct = default)
    {
        var (grain, row) = await FindAsync(tenantId, commitmentId, ct);
        var mayReport = ProgressRules.MayReport(CallerAccess.Caller, TenantPath.Parse(row.HomeTenant), row.Owners.Select(TenantPath.Parse));
        var applied = mayReport && messageId is not null && await grain.HasApplied(messageId);
        return new ProgressReportCheck(mayReport, row.Status, applied);
    }

    /// <summary>Records that the caller's tenant wants to take part; anyone who sees the commitment may.</summary>
    public Task<CommitmentResource> ExpressInterestAsync(string tenantId, string commitmentId, string? note, string? messageId, CancellationToken ct = default) =>
        auditor.ChangeAsync(AuditActions.CommitmentInterest, tenantId, $"commitment/{commitmentId}",
            () => ExpressInterestCoreAsync(tenantId, commitmentId, note, messageId, ct));

    private async Task<CommitmentResource> ExpressInterestCoreAsync(string tenantId, string commitmentId, string? note, string? messageId, CancellationToken ct)
    {
        var (grain, row) = await FindAsync(tenantId, commitmentId, ct);
        using var _ = AuditOperation.Refine(row.HomeTenant);
        var snapshot = await grain.ExpressInterest(new InterestExpression(note, messageId));
        return snapshot.ToResource();
    }

    /// <summary>Replaces the owners with the given tenants (each must be visible to the caller). Coordinators over the home tenant.</summary>
    public Task<CommitmentResource> AssignOwnersAsync(string tenantId, string commitmentId, AssignOwnersRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return auditor.ChangeAsync(AuditActions.CommitmentOwners, tenantId, $"commitment/{commitmentId}",
            () => AssignOwnersCoreAsync(tenantId, commitmentId, request, ct));
    }

    private async Task<CommitmentResource> AssignOwnersCoreAsync(string tenantId, string commitmentId, AssignOwnersRequest request, CancellationToken ct)
    {
        var caller = CallerAccess.Caller;
        var (grain, row) = await FindAsync(tenantId, commitmentId, ct);
        using var _ = AuditOperation.Refine(row.HomeTenant);
        var owners = new List<CommitmentOwner>();
        for (var i = 0; i < request.Owners.Count; i++)
        {
            var refused = new DomainValidationException($"owners[{i}]", $"No tenant '{request.Owners[i]}' is visible to this key.");
            var path = await access.Directory.FindPathAsync(request.Owners[i], caller) ?? throw refused;
            var owner = await access.Directory.Grain(path).Describe() ?? throw refused;
            owners.Add(new CommitmentOwner(owner.Name, path.Value));
        }
        var home = TenantPath.Parse(row.HomeTenant);
        if (!caller.IsSystem && !(caller.Role == TenantRole.Coordinator && caller.CanReach(home)))
        {
            throw new RoleForbiddenException($"Only a coordinator over '{home}' may assign owners.");
        }
        var snapshot = await grain.AssignOwners(owners, request.Note);
        return snapshot.ToResource();
    }

    /// <summary>The commitment <paramref name="commitmentId"/> as seen from <paramref name="tenantId"/>: not found when not in its scope.</summary>
    private async Task<(ICommitmentGrain Grain, CommitmentListRow Row)> FindAsync(string tenantId, string commitmentId, CancellationToken ct)
    {
        var scope = await access.TenantAsync(tenantId);
        LocalIds.EnsureValid(commitmentId, "id");
        var rows = await readModel.FindAsync(scope.Value, commitmentId, ct);
        var row = rows.Count > 0 ? rows[0] : throw new DomainNotFoundException($"No commitment '{commitmentId}' is visible to this key.");
        return (grains.GetGrain<ICommitmentGrain>(row.Key), row);
    }
}
