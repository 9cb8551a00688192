using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Contracts.Tenants;
using Network.Domain.ApiKeys;
using Network.Domain.Commitments;
using Network.Domain.Sessions;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Domain.Workflows;
using Network.Host.Bootstrap;
using Network.Host.Storage;

namespace Network.Bench;

/// <summary>
/// The history scenario (issue 13): progress recorded per second on commitments that already have
/// <see cref="SmallHistory"/> and <see cref="LargeHistory"/> updates, on Network on a SQLite file. In a silo wired as
/// the host (<see cref="SiloWiring.Host"/>), each update goes through the domain service that
/// <c>POST /api/tenants/{t}/commitments/{id}/progress</c> calls (<see cref="CommitmentService"/>), as the caller the
/// HTTP door enters for the owner's member key. So it does what a real update does: the commitment grain stores its
/// state (its new history entry appended to the history table), its list row, then hands ProgressReported to the workflows (the commitment's
/// lifecycle instance resumes and is stored; the event is kept in the wait index) and to the tenants' links.
/// Only the HTTP request itself and its key check are left out.
/// </summary>
internal sealed class HistoryBench
{
    /// <summary>Progress updates the first commitment has before it is timed.</summary>
    public const int SmallHistory = 10;

    /// <summary>Progress updates the second commitment has before it is timed.</summary>
    public const int LargeHistory = 2_000;

    public const string Label = "Network (SQLite file)";

    private const string RootId = RootTenantBootstrapper.RootId;
    private const string OwnerId = "tmp";
    private const string OwnerName = "Transnational Migrant Platform";
    private const string LifecycleWorkflow = "commitment-lifecycle";

    /// <summary>Statuses in turn, so every update changes the commitment.</summary>
    private static readonly string[] Statuses = [CommitmentStatuses.Limited, CommitmentStatuses.Substantial];

    private static readonly TenantPath Root = TenantPath.Root(RootId);

    private readonly IGrainFactory _grains;
    private readonly ApiKeyAuthenticator _keys;
    private readonly TenantService _tenants;
    private readonly SessionService _sessions;
    private readonly CommitmentService _commitments;
    private TenantCaller? _owner;

    private HistoryBench(IServiceProvider services)
    {
        _grains = services.GetRequiredService<IGrainFactory>();
        _keys = services.GetRequiredService<ApiKeyAuthenticator>();
        _tenants = services.GetRequiredService<TenantService>();
        _sessions = services.GetRequiredService<SessionService>();
        _commitments = services.GetRequiredService<CommitmentService>();
    }

    /// <summary>In the child process: set up, then time <see cref="BenchOptions.HistoryUpdates"/> updates on each commitment.</summary>
    public static async Task<HistoryFigures> RunAsync(BenchOptions options)
    {
        var directory = Directory.CreateTempSubdirectory("network-bench-history-").FullName;
        try
        {
            var storage = new StorageOptions { Sqlite = new SqliteStorageOptions { Path = Path.Combine(directory, "network.db") } };
            using var host = await NetworkSilo.StartAsync(storage, SiloWiring.Host, CancellationToken.None).ConfigureAwait(false);
            try
            {
                var store = await StoreDescription.SqliteAsync(storage).ConfigureAwait(false);
                var bench = new HistoryBench(host.Services);
                var setup = Stopwatch.StartNew();
                var (small, large) = await bench.SetUpAsync().ConfigureAwait(false);
                setup.Stop();
                Console.Error.WriteLine($"[history] set up in {setup.Elapsed.TotalSeconds:N0} s");
                var (atSmall, atLarge) = await bench.TimeInTurnsAsync(small, large, options.HistoryUpdates).ConfigureAwait(false);
                return new HistoryFigures(Label, store, setup.Elapsed.TotalSeconds, atSmall, atLarge);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The root tenant as the host's bootstrapper makes it, its owner partner and the partner's member key (issued and
    /// checked as the HTTP API does), a structured session with two commitments owned by the partner, each of which
    /// starts its lifecycle instance; then the two are brought to <see cref="SmallHistory"/> and
    /// <see cref="LargeHistory"/> updates through the same path as the timed ones.
    /// </summary>
    private async Task<(string Small, string Large)> SetUpAsync()
    {
        Console.Error.WriteLine("[history] root tenant, partner, member key, session with two commitments…");
        var bootstrapKey = "nwk_bench-" + Guid.NewGuid().ToString("N");
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            await _grains.GetGrain<ITenantGrain>(Root.Value).EnsureRoot("Network", bootstrapKey).ConfigureAwait(false);
        }
        var coordinator = await CallerAsync(bootstrapKey).ConfigureAwait(false);
        IReadOnlyList<string> ids;
        string ownerKey;
        using (TenantCallContext.Enter(coordinator))
        {
            await _tenants.CreateAsync(new CreateTenantRequest(OwnerId, OwnerName, TenantKinds.Platform, RootId)).ConfigureAwait(false);
            ownerKey = (await _tenants.IssueKeyAsync(OwnerId, new CreateApiKeyRequest(ApiKeyRoles.Member, "TMP's staff")).ConfigureAwait(false)).Key;
            var imported = (await _sessions.ImportDocumentAsync(RootId, Session(), dryRun: false).ConfigureAwait(false)).Result;
            if (imported.UnresolvedNames.Count > 0 || imported.CommitmentIds.Count != 2)
            {
                throw new InvalidOperationException(
                    $"The session gave {imported.CommitmentIds.Count} commitments, unresolved: [{string.Join(", ", imported.UnresolvedNames)}].");
            }
            ids = imported.CommitmentIds;
        }
        _owner = await CallerAsync(ownerKey).ConfigureAwait(false);
        foreach (var id in ids)
        {
            await ExpectFollowedAsync(id).ConfigureAwait(false);
        }

        var progress = Measure.Progress("[history] set-up updates", SmallHistory + LargeHistory);
        for (var n = 1; n <= SmallHistory; n++)
        {
            await UpdateAsync(ids[0], n).ConfigureAwait(false);
            progress.Report(n);
        }
        for (var n = 1; n <= LargeHistory; n++)
        {
            await UpdateAsync(ids[1], n).ConfigureAwait(false);
            progress.Report(SmallHistory + n);
        }
        return (ids[0], ids[1]);
    }

    /// <summary>
    /// <paramref name="count"/> updates on each commitment, one at a time, each awaited, the two commitments taking
    /// turns: the machine's speed moves within a minute, and timing one commitment's updates after the other's gave
    /// their ratio from 0.79x to 1.12x in three runs of one day. Each commitment's progress/s is its updates over the
    /// time they took.
    /// </summary>
    private async Task<(HistoryRun Small, HistoryRun Large)> TimeInTurnsAsync(string small, string large, int count)
    {
        Console.Error.WriteLine($"[history] timing {count:N0} updates on each commitment, one at a time, taking turns…");
        var smallLatencies = new double[count];
        var largeLatencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            smallLatencies[i] = await TimeUpdateAsync(small, SmallHistory + i + 1).ConfigureAwait(false);
            largeLatencies[i] = await TimeUpdateAsync(large, LargeHistory + i + 1).ConfigureAwait(false);
        }
        return (await RunOfAsync(small, SmallHistory, smallLatencies).ConfigureAwait(false),
            await RunOfAsync(large, LargeHistory, largeLatencies).ConfigureAwait(false));
    }

    private async Task<double> TimeUpdateAsync(string commitmentId, int n)
    {
        var before = Stopwatch.GetTimestamp();
        await UpdateAsync(commitmentId, n).ConfigureAwait(false);
        return Measure.Milliseconds(before, Stopwatch.GetTimestamp());
    }

    /// <summary>The figures of one commitment's timed updates, once it is checked that every one is in its history and its lifecycle instance took each.</summary>
    private async Task<HistoryRun> RunOfAsync(string commitmentId, int updatesBefore, double[] latencies)
    {
        var count = latencies.Length;
        var seconds = latencies.Sum() / 1000;
        Array.Sort(latencies);
        IReadOnlyList<HistoryEntryResource> history;
        using (TenantCallContext.Enter(_owner!))
        {
            history = await _commitments.HistoryAsync(OwnerId, commitmentId).ConfigureAwait(false);
        }
        var updates = history.Count(h => h.Kind == "progress");
        if (updates != updatesBefore + count)
        {
            throw new InvalidOperationException($"{commitmentId} has {updates} progress entries, not {updatesBefore + count}.");
        }
        var journal = await ExpectFollowedAsync(commitmentId).ConfigureAwait(false);
        return new HistoryRun(updatesBefore, count, seconds, count / seconds,
            Measure.Percentile(latencies, 0.50), Measure.Percentile(latencies, 0.99), history.Count, journal);
    }

    /// <summary>Update number <paramref name="n"/> of the commitment, as its owner's member key records it over HTTP.</summary>
    private async Task UpdateAsync(string commitmentId, int n)
    {
        var status = Statuses[n % Statuses.Length];
        using var _ = TenantCallContext.Enter(_owner!);
        var updated = await _commitments.ReportProgressAsync(OwnerId, commitmentId,
            new ReportProgressRequest(status, $"Update {n.ToString(CultureInfo.InvariantCulture)}: history bench")).ConfigureAwait(false);
        if (updated.Status != status)
        {
            throw new InvalidOperationException($"{commitmentId} is {updated.Status} after update {n}, not {status}.");
        }
    }

    /// <summary>The commitment's lifecycle instance is there, waiting for its progress; answers its journal's length.</summary>
    private async Task<int> ExpectFollowedAsync(string commitmentId)
    {
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var instance = _grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(Root, $"{LifecycleWorkflow}--{commitmentId}"));
        var summary = await instance.Describe().ConfigureAwait(false);
        if (summary is null || !summary.WaitingAt.Contains("watch-for-progress"))
        {
            throw new InvalidOperationException(
                $"{commitmentId}'s {LifecycleWorkflow} instance is {summary?.Status ?? "missing"}, waiting at [{string.Join(", ", summary?.WaitingAt ?? [])}], not at watch-for-progress.");
        }
        return (await instance.Journal().ConfigureAwait(false)).Count;
    }

    /// <summary>The caller the HTTP door enters for this key.</summary>
    private async Task<TenantCaller> CallerAsync(string key) =>
        await _keys.AuthenticateAsync(key).ConfigureAwait(false) ?? throw new InvalidOperationException("A key the benchmark issued was refused.");

    /// <summary>
    /// One period due a year from now (so the lifecycle's forum and year-end timers lie ahead, as for a live
    /// commitment), two commitments owned by the partner, named as the partner is so the import resolves it.
    /// </summary>
    private static SessionResource Session()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var due = today.AddYears(1);
        SessionCommitmentResource Commitment(int ordinal) => new(
            ordinal, $"Commitment {ordinal.ToString(CultureInfo.InvariantCulture)}: a campaign on migrants' rights, reported on at every step.",
            OwnerName, [new OwnerResource(OwnerName)], [new MilestoneResource("Launch", due.AddMonths(-6))], [], null, null, null);
        return new SessionResource("Network forum", "H1", "History bench session", "Progress with a long history", today, false,
            [new PeriodResource(1, "Period 1", "Next forum", due, [Commitment(1), Commitment(2)])], [], []);
    }
}
