using Microsoft.Extensions.Logging.Abstractions;
using Network.Host.Storage;
using Network.Host.Storage.Pipeline;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Storage.Pipeline;

public sealed class SqliteStatePipelineTests : StatePipelineContractTests, IDisposable
{
    private readonly TempDirectory _directory = new("network-pipeline");
    private int _files;

    protected override Task<StorageOptions> FreshStorageAsync() => MigratedAsync(new StorageOptions
    {
        Sqlite = new SqliteStorageOptions { Path = _directory.File($"state-{Interlocked.Increment(ref _files)}.db") },
    });

    internal override IStateStore OpenStore(StorageOptions storage) =>
        new SqliteStateStore(storage.ResolveConnectionString(), SqliteSynchronous.Full, storage.MaxBatch, NullLogger.Instance);

    internal override async Task WriteOneBatchAsync(StorageOptions storage, IReadOnlyList<StateUnit> batch)
    {
        var writer = new SqliteStateWriter(storage.ResolveConnectionString(), SqliteSynchronous.Full, NullLogger.Instance);
        await using (writer)
        {
            await writer.WriteAsync(batch);
        }
    }

    public void Dispose() => _directory.Dispose();
}
