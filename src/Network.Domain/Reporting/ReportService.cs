using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Sessions;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;

namespace Network.Domain.Reporting;

/// <summary>
/// The reports of a tenant's subtree, as data: a session's progress report, the year-end review and the chair's
/// overview. Each reads the commitments the caller may see (their history) and the workflows following them, and
/// rebuilds them as they stood at a moment. A tenant or session out of the caller's reach is not found, as everywhere.
/// </summary>
public sealed class ReportService(CallerAccess access, ICommitmentReadModel readModel, IGrainFactory grains, TimeProvider clock)
{
    /// <summary>The earliest and latest year a review may name.</summary>
    public const int FirstYear = 2000, LastYear = 2100;

    /// <summary>How many commitments are read at once; each read is three grain calls.</summary>
    private const int ReadConcurrency = 16;

    /// <param name="asOf">The day to show the session as it stood at its end (UTC); null for now.</param>
    public async Task<SessionProgressReport> SessionReportAsync(string tenantId, string sessionId, DateOnly? asOf, CancellationToken ct = default)
    {
        var home = await access.TenantAsync(tenantId);
        LocalIds.EnsureValid(sessionId, "id");
        var session = await grains.GetGrain<ISessionGrain>(TenantScopedKey.For(home, sessionId)).Describe()
            ?? throw new DomainNotFoundException($"No session '{sessionId}'.");
        var keys = session.Session.Periods.SelectMany(p => p.CommitmentIds).Select(id => TenantScopedKey.For(home, id)).ToList();
        var (moment, now) = Moment(asOf);
        var sources = await ReadAsync(keys, ct);
        return SessionReportBuilder.Build(session, sources, moment, now);
    }

    /// <summary>Every commitment of the subtree due in <paramref name="year"/>, with the coordinator's final verdicts, as of now.</summary>
    public async Task<YearEndReview> YearEndReviewAsync(string tenantId, int year, CancellationToken ct = default)
    {
        var scope = await access.TenantAsync(tenantId);
        ListPaging.InRange(year, "year", FirstYear, LastYear);
        var rows = (await RowsAsync(scope, new DateOnly(year + 1, 1, 1), ct)).Where(r => r.DueOn.Year == year).ToList();
        var (moment, now) = Moment(null);
        var sources = await ReadAsync(rows.Select(r => r.Key).ToList(), ct);
        var name = (await access.Directory.Grain(scope).Describe())?.Name ?? scope.TenantId;
        return YearEndReviewBuilder.Build(scope.TenantId, name, year, sources, await HeadingsAsync(rows, ct), moment, now);
    }

    /// <summary>Every session of the subtree side by side, the longest-silent commitments and the open escalations, as of now.</summary>
    public async Task<NetworkOverview> OverviewAsync(string tenantId, CancellationToken ct = default)
    {
        var scope = await access.TenantAsync(tenantId);
        var rows = await RowsAsync(scope, dueBefore: null, ct);
        var (moment, now) = Moment(null);
        var sources = await ReadAsync(rows.Select(r => r.Key).ToList(), ct);
        var name = (await access.Directory.Grain(scope).Describe())?.Name ?? scope.TenantId;
        return NetworkOverviewBuilder.Build(scope.TenantId, name, sources, await HeadingsAsync(rows, ct), moment, now);
    }

    /// <summary>The end of the requested day, or now; a day still to come shows now.</summary>
    private (DateTimeOffset AsOf, DateTimeOffset Now) Moment(DateOnly? asOf)
    {
        var now = clock.GetUtcNow();
        var end = asOf is { } day ? MilestoneRule.EndOf(day) : now;
        return (end < now ? end : now, now);
    }

    /// <summary>Every commitment row in scope (home or owner in the subtree), through the read model's pages.</summary>
    private async Task<List<CommitmentListRow>> RowsAsync(TenantPath scope, DateOnly? dueBefore, CancellationToken ct)
    {
        var rows = new List<CommitmentListRow>();
        while (true)
        {
            var page = await readModel.QueryAsync(
                new CommitmentListQuery(scope.Value, DueBefore: dueBefore, Offset: rows.Count, Limit: ListPaging.MaxLimit), ct);
            rows.AddRange(page.Items);
            if (page.Items.Count == 0 || rows.Count >= page.Total)
            {
                return rows;
            }
        }
    }

    private async Task<List<CommitmentSource>> ReadAsync(List<string> commitmentKeys, CancellationToken ct)
    {
        var caller = CallerAccess.Caller;
        var sources = new CommitmentSource?[commitmentKeys.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, commitmentKeys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = ct },
            async (i, _) =>
            {
                using (TenantCallContext.Enter(caller))
                {
                    sources[i] = await ReadAsync(caller, commitmentKeys[i]);
                }
            });
        return sources.Where(s => s is not null).Select(s => s!).ToList();
    }

    /// <summary>
    /// A commitment as the caller sees it (the grain checks: home or owner), and the workflow following it. An owner
    /// does not reach its commitment's home, where the workflow runs; what the report shows of that workflow (stalls,
    /// escalations, the tasks' answers) is about the owner's own commitment, so it is read as the engine.
    /// </summary>
    private async Task<CommitmentSource?> ReadAsync(TenantCaller caller, string commitmentKey)
    {
        var commitment = await grains.GetGrain<ICommitmentGrain>(commitmentKey).Describe();
        if (commitment is null)
        {
            return null;
        }
        var history = (await grains.GetGrain<ICommitmentGrain>(commitmentKey).ReadHistory(0, int.MaxValue)).Select(line => line.Entry).ToList();
        var home = TenantScopedKey.TenantOf(commitmentKey);
        var instance = grains.GetGrain<IWorkflowInstanceGrain>(
            TenantScopedKey.For(home, LifecycleConventions.InstanceId(commitment.Draft.Id)));
        using (TenantCallContext.Enter(caller.CanReach(home) ? caller : TenantCaller.System))
        {
            if (await instance.Describe() is null)
            {
                return new CommitmentSource(commitment, history, [], []);
            }
            return new CommitmentSource(commitment, history, await instance.Journal(), await instance.Tasks());
        }
    }

    /// <summary>The title and date of each session the rows belong to (a session homed out of reach is read as the engine, as <see cref="SessionService.ListAsync"/> does).</summary>
    private async Task<List<SessionHeading>> HeadingsAsync(IEnumerable<CommitmentListRow> rows, CancellationToken ct)
    {
        var caller = CallerAccess.Caller;
        var headings = new List<SessionHeading>();
        foreach (var (homeValue, sessionId) in rows.Select(r => (r.HomeTenant, r.SessionId)).Distinct())
        {
            ct.ThrowIfCancellationRequested();
            var home = TenantPath.Parse(homeValue);
            SessionSnapshot? session;
            using (TenantCallContext.Enter(caller.CanReach(home) ? caller : TenantCaller.System))
            {
                session = await grains.GetGrain<ISessionGrain>(TenantScopedKey.For(home, sessionId)).Describe();
            }
            headings.Add(new SessionHeading(home.TenantId, sessionId, session?.Session.Title ?? sessionId, session?.Session.HeldOn));
        }
        return headings;
    }
}
