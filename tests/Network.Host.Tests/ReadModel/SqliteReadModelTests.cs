using Microsoft.Data.Sqlite;
using Network.Host.Storage;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.ReadModel;

/// <summary>The read model on a real SQLite file (the embedded default), schema by the migrator.</summary>
public sealed class SqliteReadModelTests : ReadModelContractTests, IDisposable
{
    private readonly TempDirectory _directory = new("network-read-model");

    protected override Task<StorageOptions> FreshStorageAsync() => Task.FromResult(new StorageOptions
    {
        Provider = StorageOptions.SqliteProviderName,
        Sqlite = { Path = _directory.File(Guid.NewGuid().ToString("N") + ".db") },
    });

    protected override string JsonValue(string parameter) => parameter;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
