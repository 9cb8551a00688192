using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Tenants;
using Network.Host.Tests.Infrastructure;
using Xunit.Abstractions;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Backup;

/// <summary>
/// Backup and restore around real hosts (the built host as a process on a SQLite file): a backup taken while a
/// stream of writes runs holds every write acknowledged before it began, and restored after a SIGKILL the host serves
/// them all.
/// </summary>
public sealed class BackupUnderLoadTests(ITestOutputHelper log)
{
    private const int Writers = 4;

    [Fact]
    public async Task A_backup_taken_under_write_load_restores_every_write_acknowledged_before_it_began()
    {
        using var directory = new TempDirectory("network-backup-load");
        var settings = HostSettings.Sqlite(directory.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N"));
        var databaseSetting = $"--Storage:Sqlite:Path={settings.SqlitePath}";
        var backup = directory.File("under-load.bak");
        var acknowledged = new ConcurrentBag<(string Id, long At, TimeSpan Took)>();
        var clock = Stopwatch.StartNew();
        long backupStarted, backupEnded;
        HostCommandResult backedUp;

        await using (var host = await HostProcess.StartAsync(settings))
        {
            using var root = host.CreateClient(settings.BootstrapKey);
            using var stop = new CancellationTokenSource();
            // Each writer creates tenants one after another; a tenant counts once the host answered 201 for it.
            var load = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var id = $"w{writer}n{n}";
                    var sent = clock.Elapsed;
                    try
                    {
                        using var response = await root.PostAsJsonAsync("api/tenants", new CreateTenantRequest(id, "Tenant " + id, "organisation", "network"));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add((id, clock.ElapsedTicks, clock.Elapsed - sent));
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();

            await Eventually.ReadAsync(() => Task.FromResult(acknowledged.Count), count => count >= 100, TimeSpan.FromSeconds(60));
            backupStarted = clock.ElapsedTicks;
            backedUp = await HostCommand.RunAsync("backup", "--to", backup, databaseSetting);
            backupEnded = clock.ElapsedTicks;
            // The load goes on past the backup, so there are writes the restored database must not have.
            await Eventually.ReadAsync(() => Task.FromResult(acknowledged.Count(w => w.At > backupEnded)), count => count >= 10, TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await Task.WhenAll(load);

            Assert.True(backedUp.ExitCode == 0, backedUp.ToString());
            // A crash, not a stop: the restore must not depend on the host having let go of anything cleanly.
            await host.KillAsync();
        }

        var before = acknowledged.Where(w => w.At < backupStarted).ToList();
        var during = acknowledged.Where(w => w.At >= backupStarted && w.At <= backupEnded).ToList();
        log.WriteLine($"{acknowledged.Count} tenants created in all; {before.Count} acknowledged before the backup began, {during.Count} during it " +
            $"({TimeSpan.FromTicks((backupEnded - backupStarted) * TimeSpan.TicksPerSecond / Stopwatch.Frequency).TotalSeconds:0.00} s with the process's start); " +
            $"slowest write during it {(during.Count == 0 ? 0 : during.Max(w => w.Took.TotalMilliseconds)):0} ms, before it {before.Max(w => w.Took.TotalMilliseconds):0} ms.");
        log.WriteLine(backedUp.Output);
        Assert.NotEmpty(during);
        Assert.Equal("ok", BackupFiles.IntegrityCheck(backup));

        var restored = await HostCommand.RunAsync("restore", "--from", backup, databaseSetting);
        Assert.True(restored.ExitCode == 0, restored.ToString());
        log.WriteLine(restored.Output);
        Assert.Single(Directory.GetFiles(directory.Path, "network.db.before-restore-*"));

        await using var again = await HostProcess.StartAsync(settings);
        using var rootAgain = again.CreateClient(settings.BootstrapKey);
        var children = (await rootAgain.GetFromJsonAsync<List<TenantResource>>("api/tenants/network/children"))!.Select(c => c.Id).ToHashSet();
        Assert.Subset(children, before.Select(w => w.Id).ToHashSet());
        foreach (var (id, _, _) in before)
        {
            using var tenant = await rootAgain.GetAsync(new Uri($"api/tenants/{id}", UriKind.Relative));
            Assert.True(tenant.StatusCode == HttpStatusCode.OK, $"tenant {id}, acknowledged before the backup began: {(int)tenant.StatusCode}");
        }
        // The restored database is the backup's moment, not the moment of the kill: what was written after is gone.
        Assert.True(children.Count < acknowledged.Count, $"{children.Count} tenants restored of {acknowledged.Count} written");
    }

    [Fact]
    public async Task Restore_is_refused_while_the_host_runs_and_changes_nothing()
    {
        using var directory = new TempDirectory("network-restore-running");
        var settings = HostSettings.Sqlite(directory.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N"));
        var databaseSetting = $"--Storage:Sqlite:Path={settings.SqlitePath}";
        var backup = directory.File("backup.bak");
        await using var host = await HostProcess.StartAsync(settings);
        using var root = host.CreateClient(settings.BootstrapKey);
        await root.CreateTenantAsync("before", "Before the backup", "organisation", "network");
        Assert.Equal(0, (await HostCommand.RunAsync("backup", "--to", backup, databaseSetting)).ExitCode);
        await root.CreateTenantAsync("after", "After the backup", "organisation", "network");
        var files = Directory.GetFiles(directory.Path).Order(StringComparer.Ordinal).ToList();

        var refused = await HostCommand.RunAsync("restore", "--from", backup, databaseSetting);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains($"A host is running on {settings.SqlitePath}: it holds the lock file {settings.SqlitePath}.lock. Stop it first; nothing was changed.",
            refused.Error, StringComparison.Ordinal);
        Assert.Equal(files, Directory.GetFiles(directory.Path).Order(StringComparer.Ordinal));
        // The host goes on with its own database, the write after the backup included.
        Assert.Equal(HttpStatusCode.OK, (await root.GetAsync(new Uri("api/tenants/after", UriKind.Relative))).StatusCode);
        await root.CreateTenantAsync("later", "After the refused restore", "organisation", "network");
    }

    [Fact]
    public async Task A_stopped_hosts_backup_restored_on_a_new_machine_starts_and_serves_its_data()
    {
        using var directory = new TempDirectory("network-restore-elsewhere");
        var settings = HostSettings.Sqlite(directory.File("old/network.db"), "bootstrap-" + Guid.NewGuid().ToString("N"));
        var backup = directory.File("nightly.bak");
        TenantResource made;
        CreatedApiKeyResource madeKey;
        await using (var host = await HostProcess.StartAsync(settings))
        {
            using var root = host.CreateClient(settings.BootstrapKey);
            made = await root.CreateTenantAsync("made", "Migration and Development Civil Society Network", "organisation", "network");
            madeKey = await root.IssueKeyAsync("made", "member", "MADE staff");
            Assert.Equal(0, await host.StopAsync(TimeSpan.FromSeconds(60)));
        }
        var backedUp = await HostCommand.RunAsync("backup", "--to", backup, $"--Storage:Sqlite:Path={settings.SqlitePath}");
        Assert.True(backedUp.ExitCode == 0, backedUp.ToString());

        // A machine with nothing yet: the folder does not exist, and there is no database to set aside.
        var elsewhere = settings with { SqlitePath = directory.File("new/data/network.db") };
        var restored = await HostCommand.RunAsync("restore", "--from", backup, $"--Storage:Sqlite:Path={elsewhere.SqlitePath}");
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Contains($"There was no database at {elsewhere.SqlitePath}; nothing was set aside.", restored.Output, StringComparison.Ordinal);

        await using var again = await HostProcess.StartAsync(elsewhere);
        using var asMade = again.CreateClient(madeKey.Key);
        TestApi.AssertSameTenant(made, await asMade.GetFromJsonAsync<TenantResource>("api/tenants/made"));
        using var rootAgain = again.CreateClient(settings.BootstrapKey);
        Assert.Equal(["made"], (await rootAgain.GetFromJsonAsync<List<TenantResource>>("api/tenants/network/children"))!.Select(c => c.Id));
    }
}
