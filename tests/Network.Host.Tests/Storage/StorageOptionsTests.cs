using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Network.Host.Storage;

namespace Network.Host.Tests.Storage;

public sealed class StorageOptionsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    [Fact]
    public void Without_settings_storage_is_one_sqlite_file_under_data()
    {
        var storage = StorageOptions.From(Configuration());

        Assert.Equal(StorageProvider.Sqlite, storage.Kind);
        Assert.Equal("./data/network.db", storage.Sqlite.Path);
        Assert.Equal(Path.GetFullPath("./data/network.db"), storage.SqliteFullPath);
        Assert.Equal("System.Data.SQLite", storage.AdoNetInvariant);
    }

    [Theory]
    [InlineData("PostgreSQL")]
    [InlineData("postgresql")]
    [InlineData("POSTGRESQL")]
    public void The_provider_name_is_case_insensitive(string name)
    {
        var storage = StorageOptions.From(Configuration(("Storage:Provider", name), ("Storage:ConnectionString", "Host=127.0.0.1")));

        Assert.Equal(StorageProvider.PostgreSql, storage.Kind);
        Assert.Equal("Npgsql", storage.AdoNetInvariant);
        Assert.Equal("127.0.0.1", new Npgsql.NpgsqlConnectionStringBuilder(storage.ResolveConnectionString()).Host);
    }

    [Fact]
    public void An_unknown_provider_is_a_clear_error_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageOptions.From(Configuration(("Storage:Provider", "MySql"))));

        Assert.Contains("Storage:Provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("MySql", error.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_needs_a_connection_string()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageOptions.From(Configuration(("Storage:Provider", "PostgreSQL"))));

        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_connections_prepare_their_statements_and_keep_their_session_unless_the_operator_says_otherwise()
    {
        var storage = new StorageOptions { Provider = "PostgreSQL", ConnectionString = "Host=db;Database=network;Username=n" };
        var resolved = new Npgsql.NpgsqlConnectionStringBuilder(storage.ResolveConnectionString());
        var chosen = new Npgsql.NpgsqlConnectionStringBuilder(StorageConnectionStrings.ForPostgreSql(
            "Host=db;Database=network;Username=n;Max Auto Prepare=0;No Reset On Close=false"));
        var withOptions = new Npgsql.NpgsqlConnectionStringBuilder(StorageConnectionStrings.ForPostgreSql("Host=db;Options=-c search_path=net"));
        var ownPlanMode = new Npgsql.NpgsqlConnectionStringBuilder(StorageConnectionStrings.ForPostgreSql(
            "Host=db;Options=-c plan_cache_mode=auto"));
        var ownPreparing = new Npgsql.NpgsqlConnectionStringBuilder(StorageConnectionStrings.ForPostgreSql(
            "Host=db;Max Auto Prepare=10"));

        Assert.Equal(("db", "network", "n"), (resolved.Host, resolved.Database, resolved.Username));
        Assert.Equal(StorageConnectionStrings.PostgreSqlAutoPrepared, resolved.MaxAutoPrepare);
        Assert.True(resolved.NoResetOnClose);
        Assert.Equal("-c plan_cache_mode=force_custom_plan", resolved.Options);
        Assert.Equal(0, chosen.MaxAutoPrepare);
        Assert.False(chosen.NoResetOnClose);
        Assert.Null(chosen.Options);
        Assert.Equal("-c search_path=net -c plan_cache_mode=force_custom_plan", withOptions.Options);
        Assert.Equal(StorageConnectionStrings.PostgreSqlAutoPrepared, withOptions.MaxAutoPrepare);
        Assert.Equal("-c plan_cache_mode=auto", ownPlanMode.Options);
        Assert.Equal((10, "-c plan_cache_mode=force_custom_plan"), (ownPreparing.MaxAutoPrepare, ownPreparing.Options));
    }

    [Fact]
    public void The_sqlite_path_comes_from_configuration()
    {
        var storage = StorageOptions.From(Configuration(("Storage:Sqlite:Path", "/tmp/elsewhere/n.db")));

        Assert.Equal("/tmp/elsewhere/n.db", storage.SqliteFullPath);
        Assert.Contains("/tmp/elsewhere/n.db", storage.ResolveConnectionString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_settings_default_to_fixed_ids_and_the_usual_ports()
    {
        var cluster = ClusterSettings.From(Configuration());

        Assert.Equal(11111, cluster.SiloPort);
        Assert.Equal(30000, cluster.GatewayPort);
        Assert.Equal("network", cluster.ServiceId);
        Assert.Equal("network", cluster.ClusterId);
        Assert.Equal(IPAddress.Loopback, cluster.AdvertisedAddress);
        Assert.Equal(TimeSpan.FromSeconds(30), cluster.ShutdownTimeout);
    }

    [Fact]
    public void Cluster_settings_bind_and_validate()
    {
        var cluster = ClusterSettings.From(Configuration(
            ("Cluster:SiloPort", "12000"), ("Cluster:GatewayPort", "31000"), ("Cluster:AdvertisedIp", "10.1.2.3")));

        Assert.Equal(12000, cluster.SiloPort);
        Assert.Equal(31000, cluster.GatewayPort);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), cluster.AdvertisedAddress);
        Assert.Throws<InvalidOperationException>(() => ClusterSettings.From(Configuration(("Cluster:AdvertisedIp", "not-an-ip"))));
        Assert.Throws<InvalidOperationException>(() => ClusterSettings.From(Configuration(("Cluster:SiloPort", "30000"))));
        Assert.Equal(TimeSpan.FromSeconds(45), ClusterSettings.From(Configuration(("Cluster:ShutdownTimeout", "00:00:45"))).ShutdownTimeout);
        var tooShort = Assert.Throws<InvalidOperationException>(() => ClusterSettings.From(Configuration(("Cluster:ShutdownTimeout", "00:00:00"))));
        Assert.Contains("Cluster:ShutdownTimeout", tooShort.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_provider_has_its_scripts_in_version_order()
    {
        var sqlite = SchemaScripts.For(StorageProvider.Sqlite);
        var postgres = SchemaScripts.For(StorageProvider.PostgreSql);

        Assert.Equal(["0001_orleans_storage_and_reminders.sql", "0002_read_model.sql", "0003_workflow_read_model.sql", "0004_campaign_read_model.sql", "0005_state_logs.sql", "0006_data_protection_keys.sql", "0007_audit_trail.sql", "0008_tenant_list_version.sql", "0009_sent_ids.sql", "0010_workflow_wait.sql", "0011_link_outbox.sql", "0012_kept_events_out_of_state.sql", "0013_kept_event_ids_in_their_rows.sql"], sqlite.Select(s => s.Name));
        Assert.Equal(
            ["0001_orleans_clustering.sql", "0002_orleans_storage.sql", "0003_orleans_reminders.sql", "0004_read_model.sql", "0005_workflow_read_model.sql", "0006_campaign_read_model.sql", "0007_state_logs.sql", "0008_data_protection_keys.sql", "0009_audit_trail.sql", "0010_tenant_list_version.sql", "0011_sent_ids.sql", "0012_workflow_wait.sql", "0013_link_outbox.sql", "0014_kept_events_out_of_state.sql", "0015_kept_event_seq.sql", "0016_kept_event_ids_in_their_rows.sql", "0017_expiry_indexes_brin.sql"],
            postgres.Select(s => s.Name));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], postgres.Select(s => s.Version));
    }

    [Fact]
    public void The_grain_state_serializer_writes_camel_case_json_with_enum_names_and_reads_it_back()
    {
        var serializer = new Network.Domain.JsonGrainStateSerializer();
        var state = new StorageTestState
        {
            Text = "Creating welcoming societies",
            Count = 3,
            Colour = StorageTestColour.DeepBlue,
            Entries = [new StorageTestNote { At = "2017-06-30", Text = "Berlin" }],
        };

        var bytes = serializer.Serialize(state);
        var json = Encoding.UTF8.GetString(bytes.ToArray());
        var back = serializer.Deserialize<StorageTestState>(bytes);

        Assert.Equal(
            """{"text":"Creating welcoming societies","count":3,"colour":"deepBlue","entries":[{"$type":"note","text":"Berlin","at":"2017-06-30"}]}""",
            json);
        Assert.NotNull(back);
        Assert.Equal(StorageTestColour.DeepBlue, back.Colour);
        Assert.Equal("Berlin", Assert.IsType<StorageTestNote>(Assert.Single(back.Entries)).Text);
    }
}
