using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Host.Storage;
using Network.Host.Storage.Pipeline;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Storage;

/// <summary>
/// The database of a test of a schema script that moves data out of stored grain state: fresh per test, with rows of
/// grain state as an older version wrote them, and the state store to read the result with. One per provider, so one
/// test class body runs on both.
/// </summary>
public abstract class MigrationDatabase : IDisposable
{
    /// <summary>Options for a new, empty database.</summary>
    public abstract Task<StorageOptions> FreshStorageAsync();

    internal abstract IStateStore OpenStore(StorageOptions storage);

    /// <summary>The state payload as a statement's value (PostgreSQL's column is json, so a text parameter is cast).</summary>
    protected abstract string PayloadValue { get; }

    /// <summary>Gives the pools back their files once a test is done (SQLite only).</summary>
    public virtual void Done()
    {
    }

    /// <summary>A grain state row as the previous version stored it (version 1; a null payload is a cleared state).</summary>
    public async Task InsertStateAsync(StorageOptions storage, string grainType, string key, string? payload) =>
        await TestDatabase.QueryAsync(storage,
            "INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string, version, payload_json, modified_at)" +
            $" VALUES ('network', @type, 0, 0, @key, 1, {PayloadValue}, '2026-01-01T00:00:00Z');",
            ("@type", grainType), ("@key", key), ("@payload", (object?)payload ?? DBNull.Value));

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>A SQLite file in a temporary directory of its own.</summary>
public sealed class SqliteMigrationDatabase(string directoryName) : MigrationDatabase
{
    private readonly TempDirectory _directory = new(directoryName);

    public override Task<StorageOptions> FreshStorageAsync() =>
        Task.FromResult(new StorageOptions { Sqlite = new SqliteStorageOptions { Path = _directory.File("network.db") } });

    internal override IStateStore OpenStore(StorageOptions storage) =>
        new SqliteStateStore(storage.ResolveConnectionString(), SqliteSynchronous.Full, storage.MaxBatch, NullLogger.Instance);

    protected override string PayloadValue => "@payload";

    public override void Done() => SqliteConnection.ClearAllPools();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _directory.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>A new database on the test run's PostgreSQL server.</summary>
public sealed class PostgresMigrationDatabase(PostgresServer server) : MigrationDatabase
{
    public override async Task<StorageOptions> FreshStorageAsync() => new()
    {
        Provider = "PostgreSQL",
        ConnectionString = await server.CreateDatabaseAsync(),
    };

    internal override IStateStore OpenStore(StorageOptions storage) =>
        new PostgresStateStore(storage.ResolveConnectionString(), storage.Writers, storage.MaxBatch, NullLogger.Instance);

    protected override string PayloadValue => "CAST(@payload AS json)";
}
