using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Workflows;

/// <summary>
/// A real Orleans reminder, across a SIGKILL: a one-minute timer set before the crash fires once after the restart,
/// on each storage backend (after the restart the silo reads its reminders back through that backend's SQL).
/// This is the one test that waits in real time (about a minute, both backends at once); keep such tests few.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DurableTimerTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_timer_set_before_a_sigkill_fires_once_after_the_restart_on_sqlite_and_on_postgresql()
    {
        using var sqlite = new TempDirectory("network-timer");
        var postgresDatabase = await postgres.CreateDatabaseAsync("timer_" + Guid.NewGuid().ToString("N")[..8]);
        using var postgresFiles = new TempDirectory("network-timer-pg");

        // Both backends share the one real minute: the scenarios run side by side, not one after the other.
        await Task.WhenAll(
            RunAsync(HostSettings.Sqlite(sqlite.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N")), sqlite),
            RunAsync(HostSettings.Postgres(postgresDatabase, "bootstrap-" + Guid.NewGuid().ToString("N")), postgresFiles));
    }

    /// <param name="directory">Where this run's workflow definitions go: the shipped ones plus tick.</param>
    private static async Task RunAsync(HostSettings backend, TempDirectory directory)
    {
        var workflows = TickWorkflow.WriteLibrary(directory.Path);
        var settings = backend with
        {
            Extra = new Dictionary<string, string> { ["Workflows:Directory"] = workflows },
        };
        const string uri = "api/tenants/network/workflow-instances/tick--1";

        DateTimeOffset due;
        await using (var first = await HostProcess.StartAsync(settings))
        {
            using var root = first.CreateClient(settings.BootstrapKey);
            using var start = await root.PostAsJsonAsync("api/tenants/network/workflow-instances", new StartInstanceRequest("tick", Id: "tick--1"));
            await Infrastructure.Api.EnsureStatusAsync(start, HttpStatusCode.Created);
            due = (await start.Content.ReadFromJsonAsync<WorkflowInstanceResource>())!.NextDueAt!.Value;
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(settings);
        using var client = second.CreateClient(settings.BootstrapKey);
        var instance = await Eventually.ReadAsync(async () => (await client.GetFromJsonAsync<WorkflowInstanceResource>(uri))!,
            i => i.Status == "completed", TimeSpan.FromMinutes(3));
        Assert.Equal("completed", instance.Status);
        var journal = (await client.GetFromJsonAsync<List<JournalEntryResource>>(uri + "/journal"))!;
        var fired = Assert.Single(journal, j => j.Kind == "timer-fired");
        Assert.True(fired.At >= due, $"the timer fired at {fired.At:O}, before it was due at {due:O}");
        Assert.Single(journal, j => j.Kind == "notified");
    }
}
