using System.Diagnostics;
using System.Net.Http.Json;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;
using Orleans.Runtime;
using Xunit.Abstractions;

namespace Network.Host.Tests.Cluster;

/// <summary>
/// The cluster as an operator meets it: a silo dies under load (SIGKILL) and comes back; every silo is restarted in
/// turn (SIGTERM, as a rolling update does). The load keeps its ledger; afterwards everything acknowledged is there
/// once, every message TMP's system sent is applied once, and every timer that came due fired once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloFailoverTests(ThreeSiloCluster cluster, ITestOutputHelper output)
{
    private const int Victim = 2;

    [Fact]
    public async Task A_silo_killed_under_load_loses_nothing_its_timers_fire_once_on_the_others_and_it_rejoins()
    {
        await cluster.EnsureAllRunningAsync();
        var run = "kill" + Guid.NewGuid().ToString("N")[..6];
        await using var load = new ClusterLoad(cluster, run);
        load.Start(ticks: 30);
        await UntilAsync(() => load.Ticks.Count >= 30 && load.Acknowledged >= 150, TimeSpan.FromSeconds(90), "the load to get going");

        // The load balancer stops sending to it as it dies; what it was serving is cut short.
        var killedAt = DateTimeOffset.UtcNow;
        cluster.TakeOutOfRotation(Victim);
        await cluster.Silo(Victim).KillAsync();
        await UntilAsync(async () => await cluster.MembershipStatusAsync(Victim) == SiloStatus.Dead, TimeSpan.FromSeconds(120), "the membership to declare the silo dead");
        var deadAt = DateTimeOffset.UtcNow;
        var acknowledgedAtDeath = load.Acknowledged;
        await Task.Delay(TimeSpan.FromSeconds(15));

        var restart = Stopwatch.StartNew();
        await cluster.StartAsync(Victim);
        restart.Stop();
        var acknowledgedAtRestart = load.Acknowledged;
        await Task.Delay(TimeSpan.FromSeconds(10));
        await load.StopAsync();

        var survivors = load.Requests.Where(r => r.Silo != Victim || r.StartedAt > killedAt + restart.Elapsed).ToList();
        var beforeNoticed = survivors.Where(r => r.Failure is not null && r.StartedAt < deadAt).ToList();
        var afterNoticed = survivors.Where(r => r.Failure is not null && r.StartedAt >= deadAt).ToList();
        output.WriteLine($"requests {load.Requests.Count}, acknowledged {load.Acknowledged}; failed on the survivors: " +
            $"{beforeNoticed.Count} before the membership declared the death ({(deadAt - killedAt).TotalSeconds:0.0} s after the kill), " +
            $"{afterNoticed.Count} after; cut on the killed silo: {load.Requests.Count(r => r.Silo == Victim && r.Failure is not null)}; " +
            $"restart to ready {restart.Elapsed.TotalSeconds:0.0} s; grain calls sent again {CallsSentAgain()}; acknowledged after the death {acknowledgedAtRestart - acknowledgedAtDeath}, after the rejoin {load.Acknowledged - acknowledgedAtRestart}");
        foreach (var failure in beforeNoticed.Concat(afterNoticed).Take(10))
        {
            output.WriteLine($"  silo {failure.Silo} {failure.Operation} at +{(failure.StartedAt - killedAt).TotalSeconds:0.0} s: {failure.Failure}");
        }
        // What the survivors logged for the failures: the exception types say which refusal a client saw.
        WriteLoggedExceptions();
        Assert.Empty(afterNoticed);
        // Those that failed were told so plainly: the cluster lost a member, look and try again in a few seconds.
        Assert.All(beforeNoticed, f => Assert.StartsWith("503 ", f.Failure, StringComparison.Ordinal));
        Assert.True(acknowledgedAtRestart > acknowledgedAtDeath, "the survivors went on serving after the death");

        // The restarted silo took grains again.
        var activations = await cluster.ActivationsBySiloPortAsync();
        output.WriteLine("activations by silo port: " + string.Join(", ", activations.Select(a => $"{a.Key}: {a.Value}")));
        Assert.True(activations.GetValueOrDefault(cluster.Settings[Victim].SiloPort) > 0, "the restarted silo holds activations");

        await LedgerCheck.VerifyAsync(cluster, load, run);
        await AssertTimersFiredOnceAsync(load);
    }

    [Fact]
    public async Task A_rolling_restart_of_every_silo_fails_no_request()
    {
        await cluster.EnsureAllRunningAsync();
        var run = "roll" + Guid.NewGuid().ToString("N")[..6];
        await using var load = new ClusterLoad(cluster, run);
        load.Start(ticks: 0);
        await UntilAsync(() => load.Acknowledged >= 50, TimeSpan.FromSeconds(60), "the load to get going");

        for (var silo = 0; silo < ThreeSiloCluster.Size; silo++)
        {
            // As Kubernetes does: out of the Service's endpoints (the preStop wait), then SIGTERM, then a new pod.
            await cluster.DrainAsync(silo);
            var stop = Stopwatch.StartNew();
            var exitCode = await cluster.Silo(silo).StopAsync(ThreeSiloCluster.ShutdownTimeout + TimeSpan.FromSeconds(15));
            stop.Stop();
            var start = Stopwatch.StartNew();
            await cluster.StartAsync(silo);
            output.WriteLine($"silo {silo}: stopped in {stop.Elapsed.TotalSeconds:0.0} s (exit code {exitCode}), ready again in {start.Elapsed.TotalSeconds:0.0} s; acknowledged so far {load.Acknowledged}");
            Assert.Equal(0, exitCode);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        await load.StopAsync();

        var failures = load.FailuresSince();
        output.WriteLine($"requests {load.Requests.Count}, acknowledged {load.Acknowledged}, failed {failures.Count}; grain calls sent again while the cluster changed: {CallsSentAgain()}");
        foreach (var failure in failures.Take(10))
        {
            output.WriteLine($"  silo {failure.Silo} {failure.Operation}: {failure.Failure}");
        }
        if (failures.Count > 0)
        {
            WriteLoggedExceptions();
        }
        Assert.Empty(failures);
        await LedgerCheck.VerifyAsync(cluster, load, run);
    }

    /// <summary>Every acknowledged "tick" completes, its timer fired exactly once and not before it was due.</summary>
    private async Task AssertTimersFiredOnceAsync(ClusterLoad load)
    {
        var client = cluster.Client(cluster.InRotation()[0], cluster.Scope.CoordinatorKey);
        var latestDue = load.Ticks.Values.Max();
        foreach (var (instance, due) in load.Ticks)
        {
            var uri = $"api/tenants/{cluster.Scope.Forum.Id}/workflow-instances/{instance}";
            var patience = latestDue - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
            var state = await Eventually.ReadAsync(async () => (await client.GetFromJsonAsync<WorkflowInstanceResource>(uri))!,
                i => i.Status == "completed", patience > TimeSpan.Zero ? patience : TimeSpan.FromSeconds(5));
            Assert.True(state.Status == "completed", $"{instance} is {state.Status}, due at {due:O}");
            var journal = (await client.GetFromJsonAsync<List<JournalEntryResource>>(uri + "/journal"))!;
            var fired = Assert.Single(journal, j => j.Kind == "timer-fired");
            Assert.True(fired.At >= due, $"{instance}'s timer fired at {fired.At:O}, before it was due at {due:O}");
            Assert.Single(journal, j => j.Kind == "notified");
        }
        output.WriteLine($"{load.Ticks.Count} timers fired once each");
    }

    private int CallsSentAgain() => Enumerable.Range(0, ThreeSiloCluster.Size)
        .Sum(silo => cluster.AllOutput(silo).Split('\n').Count(l => l.Contains("is sent again", StringComparison.Ordinal)));

    private void WriteLoggedExceptions()
    {
        for (var silo = 0; silo < ThreeSiloCluster.Size; silo++)
        {
            foreach (var line in cluster.LoggedExceptions(silo).Take(12))
            {
                output.WriteLine($"  silo {silo} logged: {line}");
            }
        }
    }

    private static Task UntilAsync(Func<bool> condition, TimeSpan patience, string what) =>
        UntilAsync(() => Task.FromResult(condition()), patience, what);

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan patience, string what)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {patience} for {what}.");
            }
            await Task.Delay(100);
        }
    }
}
