using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Host.Storage;

namespace Network.Host.Tests.Storage;

/// <summary>The storage contract on a real SQLite file (the embedded default).</summary>
public sealed class SqliteStorageTests : StorageProviderContractTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("network-sqlite-").FullName;

    protected override IReadOnlyCollection<string> ExpectedQueryKeys => [.. StorageKeys, .. ReminderKeys];

    protected override string PayloadTypeSql => "SELECT typeof(payload_json) FROM orleans_grain_state WHERE grain_id_string = @key";

    protected override string ExpectedPayloadType => "text";

    protected override Task<StorageOptions> FreshStorageAsync() => Task.FromResult(new StorageOptions
    {
        Provider = "sqlite",
        // A folder that does not exist yet: the migrator creates it.
        Sqlite = { Path = Path.Combine(_directory, Guid.NewGuid().ToString("N"), "network.db") },
    });

    [Fact]
    public async Task The_migrator_creates_the_folder_and_turns_on_write_ahead_logging()
    {
        var storage = await FreshStorageAsync();
        Assert.False(Directory.Exists(Path.GetDirectoryName(storage.SqliteFullPath)));

        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);

        Assert.True(File.Exists(storage.SqliteFullPath));
        var mode = await TestDatabase.QueryAsync(storage, "PRAGMA journal_mode");
        Assert.Equal("wal", Assert.Single(mode).Values.Single());
    }

    [Fact]
    public async Task A_second_writer_waits_for_the_first_instead_of_failing()
    {
        var storage = await FreshStorageAsync();
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        var connectionString = storage.ResolveConnectionString();

        var first = new SqliteConnection(connectionString);
        await using (first)
        {
            await first.OpenAsync();
            await ExecuteAsync(first, "BEGIN IMMEDIATE; INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('first', 'x');");

            var second = Task.Run(async () =>
            {
                var connection = new SqliteConnection(connectionString);
                await using (connection)
                {
                    await connection.OpenAsync();
                    await ExecuteAsync(connection, "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('second', 'y');");
                }
            });
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            Assert.False(second.IsCompleted, "The second writer should still be waiting for the lock.");

            await ExecuteAsync(first, "COMMIT;");
            await second.WaitAsync(TimeSpan.FromSeconds(20));
        }

        var keys = await TestDatabase.QueryAsync(storage, "SELECT QueryKey FROM OrleansQuery WHERE QueryKey IN ('first', 'second')");
        Assert.Equal(2, keys.Count);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
#pragma warning disable CA2100 // Test SQL written in the test itself.
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task The_probe_says_no_when_the_file_is_not_there()
    {
        var storage = await FreshStorageAsync();
        var probe = new StorageProbe(storage, NullLogger<StorageProbe>.Instance);

        Assert.False(await probe.IsReachableAsync(CancellationToken.None));
        Assert.False(File.Exists(storage.SqliteFullPath));
    }

    [Fact]
    public void The_connection_string_pools_and_waits_for_a_busy_database()
    {
        var builder = new SqliteConnectionStringBuilder(StorageConnectionStrings.ForSqlite("data/x.db"));

        Assert.True(Path.IsPathRooted(builder.DataSource));
        Assert.True(builder.Pooling);
        Assert.Equal(StorageConnectionStrings.SqliteBusyTimeoutSeconds, builder.DefaultTimeout);
        Assert.Equal(SqliteOpenMode.ReadWriteCreate, builder.Mode);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }
}
