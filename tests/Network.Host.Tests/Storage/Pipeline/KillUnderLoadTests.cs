using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Audit;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Contracts.Tenants;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Storage.Pipeline;

/// <summary>
/// SIGKILL while many writes share the state pipeline's batches: every write the host acknowledged is there after a
/// restart, applied once, each with its one audit line; only writes it never answered may be missing.
/// </summary>
public sealed class KillUnderLoadTests
{
    private const int InFlight = 8;

    [Fact]
    public async Task A_sigkill_in_the_middle_of_group_commits_loses_no_acknowledged_write()
    {
        using var directory = new TempDirectory("network-kill-load");
        var settings = HostSettings.Sqlite(directory.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N"));
        var tenants = new ConcurrentBag<string>();
        var progress = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        ForumScope scope;
        IReadOnlyList<string> commitments;

        await using (var host = await HostProcess.StartAsync(settings))
        {
            using var root = host.CreateClient(settings.BootstrapKey);
            scope = await ForumScope.CreateAsync(root);
            using var coordinator = host.CreateClient(scope.CoordinatorKey);
            commitments = await scope.ImportSessionCAsync(coordinator);

            using var stop = new CancellationTokenSource();
            var acknowledged = 0;
            // Half the callers create tenants, half report progress on the session's commitments, until the kill.
            var load = Enumerable.Range(0, InFlight).Select(caller => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    try
                    {
                        if (caller % 2 == 0)
                        {
                            var id = $"t{caller}x{n}";
                            using var response = await root.PostAsJsonAsync("api/tenants", new { id, name = "Tenant " + id, kind = "organisation", parent = scope.Forum.Id });
                            if (response.StatusCode == HttpStatusCode.Created)
                            {
                                tenants.Add(id);
                                Interlocked.Increment(ref acknowledged);
                            }
                        }
                        else
                        {
                            var commitment = commitments[(caller / 2) % commitments.Count];
                            var note = $"note {caller}-{n}";
                            using var response = await coordinator.PostAsJsonAsync(
                                $"api/tenants/{scope.Forum.Id}/commitments/{commitment}/progress", new ReportProgressRequest(n % 2 == 0 ? "limited" : "substantial", note));
                            if (response.StatusCode == HttpStatusCode.OK)
                            {
                                progress.GetOrAdd(commitment, _ => []).Add(note);
                                Interlocked.Increment(ref acknowledged);
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();

            await Eventually.ReadAsync(() => Task.FromResult(Volatile.Read(ref acknowledged)), count => count >= 150);
            // Killed with requests in flight: their units may be queued, mid-batch or committed but unanswered.
            await host.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        await using var again = await HostProcess.StartAsync(settings);
        using var rootAgain = again.CreateClient(settings.BootstrapKey);
        using var coordinatorAgain = again.CreateClient(scope.CoordinatorKey);
        var children = (await rootAgain.GetFromJsonAsync<List<TenantResource>>($"api/tenants/{scope.Forum.Id}/children"))!.Select(c => c.Id).ToHashSet();
        Assert.Subset(children, tenants.ToHashSet());
        foreach (var (commitment, notes) in progress)
        {
            var history = (await coordinatorAgain.GetFromJsonAsync<List<HistoryEntryResource>>($"api/tenants/{scope.Forum.Id}/commitments/{commitment}/history"))!;
            var recorded = history.Where(h => h.Kind == "progress").Select(h => h.Note!).ToList();
            Assert.Subset(recorded.ToHashSet(), notes.ToHashSet());
            // Applied once: no note twice.
            Assert.Equal(recorded.Count, recorded.Distinct().Count());
            // Each change's audit line was committed with it: as many lines as progress entries, never one without the other.
            var lines = (await coordinatorAgain.GetFromJsonAsync<AuditEntryPage>(
                $"api/tenants/{scope.Forum.Id}/audit?action=commitment.progress&target=commitment/{commitment}&limit=1"))!;
            Assert.Equal(recorded.Count, lines.Total);
        }
        foreach (var id in tenants)
        {
            var created = (await rootAgain.GetFromJsonAsync<AuditEntryPage>($"api/tenants/{scope.Forum.Id}/audit?action=tenant.create&target=tenant/{id}"))!;
            Assert.Equal("done", Assert.Single(created.Items).Outcome);
        }
        Assert.True(tenants.Count + progress.Values.Sum(n => n.Count) >= 150);
    }
}
