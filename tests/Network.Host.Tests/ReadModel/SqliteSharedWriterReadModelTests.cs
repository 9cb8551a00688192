using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Host.ReadModel;
using Network.Host.Storage;
using Network.Host.Storage.Pipeline;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.ReadModel;

/// <summary>
/// The read model on SQLite as the host runs it: every write handed to the state pipeline's writer of the same file
/// (<see cref="ISqliteFileWriter"/>), in its batches, rather than on a connection of its own.
/// </summary>
public sealed class SqliteSharedWriterReadModelTests : ReadModelContractTests, IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("network-read-model-shared");
    private readonly Dictionary<string, SqliteStateStore> _writers = [];

    protected override Task<StorageOptions> FreshStorageAsync() => Task.FromResult(new StorageOptions
    {
        Provider = StorageOptions.SqliteProviderName,
        Sqlite = { Path = _directory.File(Guid.NewGuid().ToString("N") + ".db") },
    });

    protected override string JsonValue(string parameter) => parameter;

    internal override ReadModelDialect DialectFor(StorageOptions storage)
    {
        var connectionString = storage.ResolveConnectionString();
        if (!_writers.TryGetValue(connectionString, out var writer))
        {
            writer = new SqliteStateStore(connectionString, SqliteSynchronous.Full, storage.MaxBatch, NullLogger.Instance);
            _writers.Add(connectionString, writer);
        }
        var dialect = ReadModelDialect.For(storage, writer);
        Assert.False(dialect.CommitsEachWrite);
        return dialect;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit calls this before Dispose: the writers close their connections before the files go.
    public async Task DisposeAsync()
    {
        foreach (var writer in _writers.Values)
        {
            await writer.DisposeAsync();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
