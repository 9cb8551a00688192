using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Domain.ReadModel;
using Network.Host.ReadModel;
using Network.Host.Storage;
using Network.Host.Tests.Storage;
using Orleans.Configuration;

namespace Network.Host.Tests.ReadModel;

/// <summary>The rebuild from the grain state table, on rows written by Orleans itself and on rows written by hand.</summary>
public abstract partial class ReadModelContractTests
{
    private const string ServiceId = "network";

    /// <summary>How a JSON text parameter is written into payload_json (a cast to json on PostgreSQL).</summary>
    protected abstract string JsonValue(string parameter);

    private static ReadModelRebuilder Rebuilder(StorageOptions storage, IReadModelSource source, int batchSize = ReadModelRebuilder.DefaultBatchSize, ILogger<ReadModelRebuilder>? logger = null) =>
        new(storage, ServiceId, [source], logger ?? NullLogger<ReadModelRebuilder>.Instance, batchSize);

    private static async Task<Dictionary<string, (string Json, long Version)>> StoredStatesAsync(StorageOptions storage)
    {
        var rows = await TestDatabase.QueryAsync(storage,
            "SELECT grain_type, grain_id_string, version, payload_json FROM orleans_grain_state WHERE service_id = @service AND payload_json IS NOT NULL",
            ("service", ServiceId));
        Assert.All(rows, r => Assert.Equal(ReadModelTestGrain.StateName, r["grain_type"]));
        return rows.ToDictionary(
            r => (string)r["grain_id_string"]!,
            r => ((string)r["payload_json"]!, Convert.ToInt64(r["version"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_rebuild_projects_every_state_Orleans_stored_and_a_second_run_is_harmless()
    {
        var storage = await MigratedStorageAsync();
        var model = new SqlCommitmentReadModel(DialectFor(storage));
        var keyA = TestReadModelSource.KeyOf("network/tmp", "c1");
        var keyB = TestReadModelSource.KeyOf("network/gcm", "c2");
        var keyCleared = TestReadModelSource.KeyOf("network/ici", "c3");

        var silo = await TestSilo.StartAsync(storage);
        await using (silo)
        {
            // The grains write their state but (as after a crash) never their read-model rows.
            var a = silo.Grains.GetGrain<IReadModelTestGrain>(keyA);
            await a.SaveAsync("network/tmp", "c1", "not-started", new DateOnly(2017, 3, 21), ["network/tmp"]);
            await a.SaveAsync("network/tmp", "c1", "limited", new DateOnly(2017, 3, 21), ["network/tmp", "network/gcm"]);
            Assert.Equal(2, await a.VersionAsync());
            var b = silo.Grains.GetGrain<IReadModelTestGrain>(keyB);
            await b.SaveAsync("network/gcm", "c2", "blocked", new DateOnly(2017, 12, 31), []);
            var cleared = silo.Grains.GetGrain<IReadModelTestGrain>(keyCleared);
            await cleared.SaveAsync("network/ici", "c3", "complete", new DateOnly(2017, 6, 30), []);
            await cleared.ClearAsync();
        }

        // What the Orleans 10.4.2 ADO.NET provider stored: grain_type is the state name, grain_id_string the key.
        var all = await TestDatabase.QueryAsync(storage,
            "SELECT grain_type, grain_id_n0, grain_id_n1, grain_id_string, version FROM orleans_grain_state ORDER BY grain_id_string");
        Assert.Equal([keyB, keyCleared, keyA], all.Select(r => (string)r["grain_id_string"]!));
        Assert.All(all, r =>
        {
            Assert.Equal(ReadModelTestGrain.StateName, r["grain_type"]);
            Assert.Equal(0L, Convert.ToInt64(r["grain_id_n0"], CultureInfo.InvariantCulture));
            Assert.Equal(0L, Convert.ToInt64(r["grain_id_n1"], CultureInfo.InvariantCulture));
        });
        var stored = await StoredStatesAsync(storage);
        Assert.Equal([keyB, keyA], stored.Keys.Order(StringComparer.Ordinal));
        Assert.Empty((await model.QueryAsync(new CommitmentListQuery("network"))).Items);

        var source = new TestReadModelSource(model);
        var report = await Rebuilder(storage, source).RunAsync(CancellationToken.None);

        var sourceReport = Assert.Single(report.Sources);
        Assert.Equal((ReadModelTestGrain.StateName, 2, 0), (sourceReport.StateName, sourceReport.Projected, sourceReport.Failed));
        Assert.Equal(stored.Values.OrderBy(v => v.Json, StringComparer.Ordinal), source.Calls.OrderBy(c => c.Json, StringComparer.Ordinal));
        var page = await model.QueryAsync(new CommitmentListQuery("network"));
        Assert.Equal([("c1", "limited", 2L), ("c2", "blocked", 1L)], page.Items.Select(r => (r.Id, r.Status, r.StateVersion)));
        Assert.Equal(["network/tmp", "network/gcm"], page.Items[0].Owners);

        // Again: the same calls, and the rows stay as they are.
        var again = new TestReadModelSource(model);
        Assert.Equal(2, (await Rebuilder(storage, again).RunAsync(CancellationToken.None)).Projected);
        Assert.Equal(source.Calls.OrderBy(c => c.Json, StringComparer.Ordinal), again.Calls.OrderBy(c => c.Json, StringComparer.Ordinal));
        var pageAgain = await model.QueryAsync(new CommitmentListQuery("network"));
        Assert.Equal(page.Items.Select(r => (r.Key, r.Status, r.StateVersion, r.UpdatedAt)), pageAgain.Items.Select(r => (r.Key, r.Status, r.StateVersion, r.UpdatedAt)));
    }

    [Fact]
    public async Task A_rebuild_while_grains_write_never_moves_a_row_backwards()
    {
        var storage = await MigratedStorageAsync();
        var model = new SqlCommitmentReadModel(DialectFor(storage));
        var key = TestReadModelSource.KeyOf("network/tmp", "c1");
        var statuses = new[] { "not-started", "limited", "substantial", "complete" };

        var silo = await TestSilo.StartAsync(storage);
        await using (silo)
        {
            var grain = silo.Grains.GetGrain<IReadModelTestGrain>(key);
            await grain.SaveAsync("network/tmp", "c1", "not-started", new DateOnly(2017, 3, 21), []);

            // A grain that writes its row after each state write, as the commitment grain does, while rebuilds run.
            var writer = Task.Run(async () =>
            {
                for (var i = 0; i < 12; i++)
                {
                    var status = statuses[i % statuses.Length];
                    await grain.SaveAsync("network/tmp", "c1", status, new DateOnly(2017, 3, 21), [$"network/o{i}"]);
                    var version = await grain.VersionAsync();
                    await model.UpsertAsync(new CommitmentListRow(key, "c1", "network/tmp", "session", 1, 1, "summary", status,
                        new DateOnly(2017, 3, 21), [$"network/o{i}"], DateTimeOffset.UtcNow, version));
                }
            });
            var source = new TestReadModelSource(model);
            var runs = 0;
            while (!writer.IsCompleted)
            {
                await Rebuilder(storage, source).RunAsync(CancellationToken.None);
                runs++;
            }
            await writer;
            Assert.True(runs > 0);

            // No rebuild after the last write: whatever the rebuilds projected, and when, the row is the grain's last.
            var final = await grain.VersionAsync();
            Assert.Equal(13, final);
            var row = Assert.Single(await model.FindAsync("network", "c1"));
            Assert.Equal(final, row.StateVersion);
            Assert.Equal(statuses[11 % statuses.Length], row.Status);
            Assert.Equal(["network/o11"], row.Owners);

            // A replay of the oldest state a rebuild saw changes nothing either.
            var (oldestJson, oldestVersion) = source.Calls.MinBy(c => c.Version);
            Assert.True(oldestVersion < final);
            await source.ProjectAsync(oldestJson, oldestVersion, CancellationToken.None);
            Assert.Equal(final, Assert.Single(await model.FindAsync("network", "c1")).StateVersion);
        }
    }

    [Fact]
    public async Task The_rebuild_reads_in_batches_skips_other_services_names_and_cleared_states_and_survives_a_bad_state()
    {
        var storage = await MigratedStorageAsync();
        async Task InsertAsync(string service, string type, long n0, long n1, string text, int version, string? json)
        {
            var payload = json is null ? "NULL" : JsonValue("@json");
            var parameters = new List<(string, object)>
            {
                ("service", service), ("type", type), ("n0", n0), ("n1", n1), ("text", text), ("version", version),
            };
            if (json is not null)
            {
                parameters.Add(("json", json));
            }
            await TestDatabase.QueryAsync(storage,
                "INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string, version, payload_json, modified_at) " +
                $"VALUES (@service, @type, @n0, @n1, @text, @version, {payload}, '2017-01-01T00:00:00Z')",
                [.. parameters]);
        }
        const string type = ReadModelTestGrain.StateName;
        await InsertAsync(ServiceId, type, 0, 0, "k-a", 1, """{"n":1}""");
        await InsertAsync(ServiceId, type, 0, 0, "k-b", 3, """{"n":2}""");
        await InsertAsync(ServiceId, type, 0, 5, "k-a", 1, """{"n":3}""");
        await InsertAsync(ServiceId, type, -7, 2, "", 2, """{"n":4}""");
        await InsertAsync(ServiceId, type, 0, 0, "k-c", 4, """{"n":5,"bad":true}""");
        await InsertAsync(ServiceId, type, 0, 0, "k-d", 2, null);
        await InsertAsync("other-service", type, 0, 0, "k-a", 1, """{"n":6}""");
        await InsertAsync(ServiceId, "other-state", 0, 0, "k-a", 1, """{"n":7}""");

        var expected = new[]
        {
            ("""{"n":1}""", 1L), ("""{"n":2}""", 3L), ("""{"n":3}""", 1L), ("""{"n":4}""", 2L), ("""{"n":5,"bad":true}""", 4L),
        };
        foreach (var batchSize in new[] { 1, 2, 5, 500 })
        {
            var source = new TestReadModelSource { FailWhen = json => json.Contains("bad", StringComparison.Ordinal) };
            var logger = new ListLogger<ReadModelRebuilder>();
            var report = await Rebuilder(storage, source, batchSize, logger).RunAsync(CancellationToken.None);

            Assert.Equal(expected.Order(), source.Calls.Order());
            Assert.Equal(expected.Length, source.Calls.Count);
            Assert.Equal((4, 1), (report.Projected, report.Failed));
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("version 4", StringComparison.Ordinal) && e.Message.Contains("k-c", StringComparison.Ordinal));
            Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith($"Read model: projected 4 stored '{type}' state(s) in ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AddNetworkReadModel_registers_the_models_and_the_start_up_rebuild()
    {
        var storage = await MigratedStorageAsync();
        var source = new TestReadModelSource();
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(options => options.ServiceId = ServiceId);
        services.AddSingleton<IReadModelSource>(source);
        services.AddNetworkReadModel(storage);
        var provider = services.BuildServiceProvider();
        await using (provider)
        {
            Assert.IsType<SqlCommitmentReadModel>(provider.GetRequiredService<ICommitmentReadModel>());
            Assert.IsType<SqlTenantReadModel>(provider.GetRequiredService<ITenantReadModel>());
            Assert.IsType<SqlCampaignReadModel>(provider.GetRequiredService<ICampaignReadModel>());
            Assert.Same(provider.GetRequiredService<ICommitmentReadModel>(), provider.GetRequiredService<ICommitmentReadModel>());
            Assert.IsType<SqlWorkflowInstanceReadModel>(provider.GetRequiredService<IWorkflowInstanceReadModel>());
            Assert.Same(provider.GetRequiredService<IWorkflowInstanceReadModel>(), provider.GetRequiredService<IWorkflowInstanceReadModel>());

            await TestDatabase.QueryAsync(storage,
                "INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string, version, payload_json, modified_at) " +
                $"VALUES (@service, @type, 0, 0, 'k', 3, {JsonValue("@json")}, '2017-01-01T00:00:00Z')",
                ("service", ServiceId), ("type", ReadModelTestGrain.StateName), ("json", """{"n":1}"""));

            var service = provider.GetRequiredService<ReadModelRebuildService>();
            await service.StartAsync(CancellationToken.None);
            await service.StopAsync(CancellationToken.None);

            Assert.Equal(("""{"n":1}""", 3L), Assert.Single(source.Calls));
        }
    }
}
