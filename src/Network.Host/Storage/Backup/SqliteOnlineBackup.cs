using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Network.Host.Storage.Backup;

/// <summary>What a backup did.</summary>
/// <param name="Copy">What the backup holds (checked).</param>
/// <param name="CopyTime">How long the copy took (the time a read transaction was held on the live database).</param>
/// <param name="CheckTime">How long the integrity check of the copy took.</param>
public sealed record SqliteBackupResult(SqliteCopy Copy, TimeSpan CopyTime, TimeSpan CheckTime);

/// <summary>
/// Copies the SQLite database to a file while a host may be writing to it, consistent as of one moment: SQLite's online
/// backup API from a connection of its own, into a temporary file beside the target, which is checked
/// (<see cref="SqliteCopyCheck"/>), written through to the disk, and only then renamed to the target.
/// </summary>
/// <remarks>
/// Why one step of all pages: the backup API copies page by page, and when it is given a few pages per step, a write
/// by another connection between two steps (the host's writer commits a batch many times a second) restarts it from
/// the first page, so under continuous writes it may never finish. Copying every page in one step
/// (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/> steps with -1) reads them all inside one read
/// transaction: the copy is the database as of the moment that transaction began and nothing restarts it. In WAL
/// mode a reader does not block the writer, so the host goes on committing meanwhile; the only cost is that its WAL
/// checkpoints cannot pass the backup's snapshot, so the -wal file grows by what is written during the copy and is
/// folded in at the next checkpoint after it. (<c>VACUUM INTO</c> would be just as consistent, but rebuilds every
/// table and index instead of copying pages, so it holds the read transaction longer for the same database.)
/// </remarks>
public static class SqliteOnlineBackup
{
    /// <summary>How long the backup waits for a lock on the live database (the host's own busy timeout).</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(StorageConnectionStrings.SqliteBusyTimeoutSeconds);

    /// <summary>
    /// Backs up the database at <paramref name="databasePath"/> to <paramref name="targetPath"/>. Refuses an existing
    /// target unless <paramref name="overwrite"/>. On any failure the target is as it was and no temporary file is left.
    /// </summary>
    public static SqliteBackupResult Run(string databasePath, string targetPath, bool overwrite)
    {
        var database = Path.GetFullPath(databasePath);
        var target = Path.GetFullPath(targetPath);
        if (!File.Exists(database))
        {
            throw new BackupFailedException($"There is no database at {database} (Storage:Sqlite:Path); nothing to back up.");
        }
        if (string.Equals(database, target, StringComparison.Ordinal))
        {
            throw new BackupFailedException($"The backup would be the database itself ({target}); give another file.");
        }
        if (Directory.Exists(target))
        {
            throw new BackupFailedException($"{target} is a folder; give the backup's file name.");
        }
        if (File.Exists(target) && !overwrite)
        {
            throw new BackupFailedException($"{target} exists; give another file, or --force to replace it.");
        }
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new BackupFailedException($"The folder {folder} does not exist.");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            var watch = Stopwatch.StartNew();
            CopyPages(database, temporary);
            var copyTime = watch.Elapsed;
            var copy = SqliteCopyCheck.Check(temporary, $"The copy of {database}");
            var checkTime = watch.Elapsed - copyTime;
            DurableFiles.Flush(temporary);
            DurableFiles.Rename(temporary, target, overwrite);
            return new SqliteBackupResult(copy, copyTime, checkTime);
        }
        catch (SqliteException exception)
        {
            throw new BackupFailedException($"Backing up {database} failed: {exception.Message}", exception);
        }
        catch (IOException exception)
        {
            throw new BackupFailedException($"Backing up {database} to {target} failed: {exception.Message}", exception);
        }
        finally
        {
            DurableFiles.DeleteQuietly(temporary);
        }
    }

    private static void CopyPages(string database, string temporary)
    {
        // Read-write without create: the live database must exist, and a database in WAL mode whose -wal needs
        // recovering (a host was killed) can only be read by a connection allowed to rebuild its -shm index.
        using var source = SqliteFiles.Open(database, SqliteOpenMode.ReadWrite, BusyTimeout);
        using var destination = SqliteFiles.Open(temporary, SqliteOpenMode.ReadWriteCreate, BusyTimeout);
        // One step of every page in one read transaction (see the remarks above). Taking that read lock waits in the
        // busy handler set above if the host holds the database for a moment (WAL recovery, a truncating checkpoint).
        source.BackupDatabase(destination);
    }
}
