using Microsoft.Extensions.Options;
using Network.Host.Storage;
using Network.Host.Storage.Backup;

namespace Network.Host.Bootstrap;

/// <summary>
/// Holds the SQLite database's lock (<see cref="SqliteDatabaseLock"/>) from before the host first touches the database
/// until the host is disposed, after everything that writes to it has stopped: while it runs, `restore` refuses to
/// replace the file under it, and a second host on the same file refuses to start (the silo's localhost clustering
/// would not make the two one cluster). Registered, for SQLite only, before <see cref="StorageSchemaInitializer"/>.
/// </summary>
public sealed class SqliteDatabaseLockHolder(IOptions<StorageOptions> storage) : IHostedService, IDisposable
{
    private SqliteDatabaseLock? _held;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var database = storage.Value.SqliteFullPath;
        _held = SqliteDatabaseLock.TryAcquire(database, out var heldBecause) ?? throw new InvalidOperationException(
            $"The SQLite database {database} is in use: another host on the same file, or a restore, holds {SqliteDatabaseLock.PathFor(database)} " +
            $"({heldBecause}). Stop it, wait for the restore to end, or give this host a database of its own (Storage:Sqlite:Path).");
        return Task.CompletedTask;
    }

    // Held on past StopAsync: the silo and the write pipeline stop after this service's StopAsync would run.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _held?.Dispose();
}
