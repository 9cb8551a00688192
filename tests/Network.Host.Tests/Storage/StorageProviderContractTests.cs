using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Host.Storage;
using Orleans.Storage;

namespace Network.Host.Tests.Storage;

/// <summary>
/// What the storage layer promises, checked the same way against SQLite and PostgreSQL: the schema scripts apply
/// once each, and Orleans' own ADO.NET providers work on them end to end in a real silo.
/// </summary>
public abstract class StorageProviderContractTests
{
    /// <summary>Options that point at a new, empty database.</summary>
    protected abstract Task<StorageOptions> FreshStorageAsync();

    /// <summary>The query keys Orleans 10.4.2's providers read for this database (clustering only on PostgreSQL).</summary>
    protected abstract IReadOnlyCollection<string> ExpectedQueryKeys { get; }

    /// <summary>SQL that returns the storage type of payload_json for one row (parameter @key: grain_id_string).</summary>
    protected abstract string PayloadTypeSql { get; }

    /// <summary>The storage type payload_json must have: readable text, never bytes (or jsonb, which reorders keys).</summary>
    protected abstract string ExpectedPayloadType { get; }

    internal static readonly string[] StorageKeys = ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    internal static readonly string[] ReminderKeys =
    [
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task Migrations_apply_every_script_once_and_a_second_run_applies_nothing()
    {
        var storage = await FreshStorageAsync();
        var scripts = SchemaScripts.For(storage.Kind).Select(s => s.Name).ToList();
        Assert.NotEmpty(scripts);

        var first = await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        var second = await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(scripts, first);
        Assert.Empty(second);
        var recorded = await TestDatabase.QueryAsync(storage, "SELECT version, name FROM network_schema_version ORDER BY version");
        Assert.Equal(scripts, recorded.Select(r => (string)r["name"]!));
        Assert.Equal(
            SchemaScripts.For(storage.Kind).Select(s => s.Version),
            recorded.Select(r => Convert.ToInt32(r["version"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Four_migrators_starting_at_once_apply_each_script_exactly_once()
    {
        var storage = await FreshStorageAsync();
        var scripts = SchemaScripts.For(storage.Kind).Select(s => s.Name).ToList();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None))));

        var applied = runs.SelectMany(r => r).ToList();
        Assert.Equal(scripts.Order(StringComparer.Ordinal), applied.Order(StringComparer.Ordinal));
        var recorded = await TestDatabase.QueryAsync(storage, "SELECT name FROM network_schema_version");
        Assert.Equal(scripts.Count, recorded.Count);
    }

    [Fact]
    public async Task The_schema_holds_every_query_the_providers_load()
    {
        var storage = await FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);

        var keys = await TestDatabase.QueryAsync(storage, "SELECT QueryKey FROM OrleansQuery");

        Assert.Equal(
            ExpectedQueryKeys.Order(StringComparer.Ordinal),
            keys.Select(k => (string)k["QueryKey"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Grain_state_and_reminders_survive_a_silo_restart_and_the_state_is_readable_json()
    {
        var storage = await FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        const string key = "welcoming-societies";

        var first = await TestSilo.StartAsync(storage);
        await using (first)
        {
            var grain = first.Grains.GetGrain<IStorageTestGrain>(key);
            await grain.SaveAsync("A campaign to generate solidarity", 1, StorageTestColour.Grey, "launched by 21 March");
            await grain.SaveAsync("A campaign to generate solidarity", 2, StorageTestColour.DeepBlue, "reported at GFMD Berlin");
            await grain.RemindAsync("follow-up");
            await grain.RemindAsync("dropped");
            await grain.ForgetReminderAsync("dropped");
            Assert.True(await grain.HasReminderAsync("follow-up"));
            Assert.False(await grain.HasReminderAsync("dropped"));
            await first.StopAsync();
        }

        // The row an operator would look at.
        var rows = await TestDatabase.QueryAsync(storage,
            "SELECT grain_type, grain_id_string, version, payload_json FROM orleans_grain_state WHERE grain_id_string = @key",
            ("key", key));
        var row = Assert.Single(rows);
        Assert.Equal(2, Convert.ToInt32(row["version"], CultureInfo.InvariantCulture));
        var json = Assert.IsType<string>(row["payload_json"]);
        using (var document = JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            Assert.Equal("A campaign to generate solidarity", root.GetProperty("text").GetString());
            Assert.Equal(2, root.GetProperty("count").GetInt32());
            Assert.Equal("deepBlue", root.GetProperty("colour").GetString());
            var entry = root.GetProperty("entries")[1];
            Assert.Equal("$type", entry.EnumerateObject().First().Name);
            Assert.Equal("note", entry.GetProperty("$type").GetString());
            Assert.Equal("reported at GFMD Berlin", entry.GetProperty("text").GetString());
        }
        var type = await TestDatabase.QueryAsync(storage, PayloadTypeSql, ("key", key));
        Assert.Equal(ExpectedPayloadType, Convert.ToString(Assert.Single(type).Values.Single(), CultureInfo.InvariantCulture));

        var reminders = await TestDatabase.QueryAsync(storage, "SELECT reminder_name FROM orleans_reminder");
        Assert.Equal("follow-up", Assert.Single(reminders)["reminder_name"]);

        var second = await TestSilo.StartAsync(storage);
        await using (second)
        {
            var grain = second.Grains.GetGrain<IStorageTestGrain>(key);
            var snapshot = await grain.ReadAsync();
            Assert.True(snapshot.RecordExists);
            Assert.Equal("A campaign to generate solidarity", snapshot.Text);
            Assert.Equal(2, snapshot.Count);
            Assert.Equal(StorageTestColour.DeepBlue, snapshot.Colour);
            Assert.Equal(["launched by 21 March", "reported at GFMD Berlin"], snapshot.Notes);
            Assert.True(await grain.HasReminderAsync("follow-up"));
            Assert.False(await grain.HasReminderAsync("dropped"));

            await grain.ClearAsync();
            Assert.False((await grain.ReadAsync()).RecordExists);
        }

        var cleared = Assert.Single(await TestDatabase.QueryAsync(storage,
            "SELECT version, payload_json FROM orleans_grain_state WHERE grain_id_string = @key", ("key", key)));
        Assert.Null(cleared["payload_json"]);
        Assert.Equal(3, Convert.ToInt32(cleared["version"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_stale_write_or_clear_raises_InconsistentStateException_and_changes_nothing()
    {
        var storage = await FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        var silo = await TestSilo.StartAsync(storage);
        await using (silo)
        {
            var provider = silo.Services.GetRequiredKeyedService<IGrainStorage>(Network.Domain.StorageNames.Network);
            var grainId = GrainId.Create("storagetest", "etag-" + Guid.NewGuid().ToString("N"));
            const string grainType = "Network.Host.Tests.Storage.EtagProbe";

            // Two activations of one grain that both believe the grain was never written.
            var mine = new GrainState<StorageTestState>(new StorageTestState { Text = "mine" });
            var theirs = new GrainState<StorageTestState>(new StorageTestState { Text = "theirs" });

            await provider.WriteStateAsync(grainType, grainId, mine);
            Assert.Equal("1", mine.ETag);
            Assert.True(mine.RecordExists);
            await Assert.ThrowsAsync<InconsistentStateException>(() => provider.WriteStateAsync(grainType, grainId, theirs));

            // A write with the current version moves it on; the old version is then stale.
            theirs.ETag = "1";
            mine.State = new StorageTestState { Text = "mine, again" };
            await provider.WriteStateAsync(grainType, grainId, mine);
            Assert.Equal("2", mine.ETag);
            await Assert.ThrowsAsync<InconsistentStateException>(() => provider.WriteStateAsync(grainType, grainId, theirs));
            await Assert.ThrowsAsync<InconsistentStateException>(() => provider.ClearStateAsync(grainType, grainId, theirs));

            var read = new GrainState<StorageTestState>();
            await provider.ReadStateAsync(grainType, grainId, read);
            Assert.Equal("mine, again", Assert.IsType<StorageTestState>(read.State).Text);
            Assert.Equal("2", read.ETag);
            Assert.True(read.RecordExists);

            // Clearing keeps the row (and its version) but drops the state.
            await provider.ClearStateAsync(grainType, grainId, read);
            Assert.Equal("3", read.ETag);
            Assert.False(read.RecordExists);
            await Assert.ThrowsAsync<InconsistentStateException>(() => provider.WriteStateAsync(grainType, grainId, mine));

            var afterClear = new GrainState<StorageTestState>();
            await provider.ReadStateAsync(grainType, grainId, afterClear);
            Assert.False(afterClear.RecordExists);
            Assert.Equal("3", afterClear.ETag);
            Assert.Equal("", Assert.IsType<StorageTestState>(afterClear.State).Text);

            afterClear.State = new StorageTestState { Text = "written after a clear" };
            await provider.WriteStateAsync(grainType, grainId, afterClear);
            Assert.Equal("4", afterClear.ETag);

            // A grain whose key has an extension is a different row from the same key without one.
            var extended = GrainId.Create(GrainType.Create("storagetest"), GrainIdKeyExtensions.CreateIntegerKey(7, "ext"));
            var plain = GrainId.Create(GrainType.Create("storagetest"), GrainIdKeyExtensions.CreateIntegerKey(7));
            var extendedState = new GrainState<StorageTestState>(new StorageTestState { Text = "with extension" });
            var plainState = new GrainState<StorageTestState>(new StorageTestState { Text = "without" });
            await provider.WriteStateAsync(grainType, extended, extendedState);
            await provider.WriteStateAsync(grainType, plain, plainState);
            var readPlain = new GrainState<StorageTestState>();
            await provider.ReadStateAsync(grainType, plain, readPlain);
            Assert.Equal("without", Assert.IsType<StorageTestState>(readPlain.State).Text);
        }
    }

    [Fact]
    public async Task With_DeleteStateOnClear_a_clear_removes_the_row_and_a_stale_one_is_refused()
    {
        var storage = await FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        const string name = "network-delete-on-clear";
        var silo = await TestSilo.StartAsync(storage, configure: builder => builder.AddAdoNetGrainStorage(name, options =>
        {
            options.Invariant = storage.AdoNetInvariant;
            options.ConnectionString = storage.ResolveConnectionString();
            options.GrainStorageSerializer = new Network.Domain.JsonGrainStateSerializer();
            options.DeleteStateOnClear = true;
        }));
        await using (silo)
        {
            var provider = silo.Services.GetRequiredKeyedService<IGrainStorage>(name);
            var grainId = GrainId.Create("storagetest", "delete-" + Guid.NewGuid().ToString("N"));
            const string grainType = "Network.Host.Tests.Storage.DeleteProbe";
            var state = new GrainState<StorageTestState>(new StorageTestState { Text = "to be deleted" });
            await provider.WriteStateAsync(grainType, grainId, state);
            var stale = new GrainState<StorageTestState>(new StorageTestState(), state.ETag);
            await provider.WriteStateAsync(grainType, grainId, state);

            await Assert.ThrowsAsync<InconsistentStateException>(() => provider.ClearStateAsync(grainType, grainId, stale));
            await provider.ClearStateAsync(grainType, grainId, state);

            Assert.Null(state.ETag);
            Assert.False(state.RecordExists);
            Assert.Empty(await TestDatabase.QueryAsync(storage,
                "SELECT 1 FROM orleans_grain_state WHERE grain_type = @type", ("type", grainType)));
            state.State = new StorageTestState { Text = "born again" };
            await provider.WriteStateAsync(grainType, grainId, state);
            Assert.Equal("1", state.ETag);
        }
    }

    [Fact]
    public async Task The_reminder_table_keeps_etags_ring_ranges_and_long_periods()
    {
        var storage = await FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        var silo = await TestSilo.StartAsync(storage);
        await using (silo)
        {
            var table = silo.Services.GetRequiredService<IReminderTable>();
            var grains = Enumerable.Range(0, 6).Select(i => GrainId.Create("storagetest", $"ring-{i}")).ToList();
            var start = new DateTime(2017, 6, 30, 9, 15, 30, 123, DateTimeKind.Utc);
            var etags = new Dictionary<GrainId, string>();
            foreach (var grain in grains)
            {
                var etag = await table.UpsertRow(new ReminderEntry
                {
                    GrainId = grain,
                    ReminderName = "year-end-review",
                    StartAt = start,
                    Period = TimeSpan.FromDays(30), // more than int.MaxValue milliseconds
                });
                etags[grain] = Assert.IsType<string>(etag);
                await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "forum", StartAt = start, Period = TimeSpan.FromMinutes(5) });
            }

            var one = await table.ReadRow(grains[0], "year-end-review");
            Assert.NotNull(one);
            Assert.Equal(grains[0], one.GrainId);
            Assert.Equal(TimeSpan.FromDays(30), one.Period);
            Assert.Equal(DateTimeKind.Utc, one.StartAt.Kind);
            Assert.InRange((one.StartAt - start).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
            Assert.Equal(etags[grains[0]], one.ETag);
            Assert.Null(await table.ReadRow(grains[0], "never-registered"));
            Assert.Equal(["forum", "year-end-review"], (await table.ReadRows(grains[1])).Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));

            // Upserting again moves the ETag on; removing with the old one does nothing.
            var newer = await table.UpsertRow(new ReminderEntry { GrainId = grains[0], ReminderName = "year-end-review", StartAt = start.AddDays(1), Period = TimeSpan.FromDays(30) });
            Assert.NotNull(newer);
            Assert.NotEqual(etags[grains[0]], newer);
            Assert.False(await table.RemoveRow(grains[0], "year-end-review", etags[grains[0]]));
            Assert.True(await table.RemoveRow(grains[0], "year-end-review", newer));
            Assert.Null(await table.ReadRow(grains[0], "year-end-review"));

            // Ring ranges are (begin, end], in uint order, and may wrap around.
            var all = await table.ReadRows(0u, 0u);
            Assert.Equal(grains.Count * 2 - 1, all.Reminders.Count);
            foreach (var grain in grains.Skip(1))
            {
                var hash = grain.GetUniformHashCode();
                var just = await table.ReadRows(unchecked(hash - 1), hash);
                Assert.Contains(just.Reminders, r => r.GrainId == grain);
                Assert.All(just.Reminders, r => Assert.Equal(hash, r.GrainId.GetUniformHashCode()));
                var allBut = await table.ReadRows(hash, unchecked(hash - 1));
                Assert.DoesNotContain(allBut.Reminders, r => r.GrainId == grain);
                Assert.Equal(all.Reminders.Count(r => r.GrainId.GetUniformHashCode() != hash), allBut.Reminders.Count);
            }
            var lowerHalf = await table.ReadRows(uint.MaxValue, int.MaxValue);
            var upperHalf = await table.ReadRows(int.MaxValue, uint.MaxValue);
            Assert.Equal(all.Reminders.Count, lowerHalf.Reminders.Count + upperHalf.Reminders.Count);
            Assert.All(lowerHalf.Reminders, r => Assert.True(r.GrainId.GetUniformHashCode() <= int.MaxValue));
            Assert.All(upperHalf.Reminders, r => Assert.True(r.GrainId.GetUniformHashCode() > int.MaxValue));
        }
    }

    [Fact]
    public async Task The_probe_reaches_a_migrated_database()
    {
        var storage = await FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        var probe = new StorageProbe(storage, NullLogger<StorageProbe>.Instance);

        Assert.True(await probe.IsReachableAsync(CancellationToken.None));
    }
}
