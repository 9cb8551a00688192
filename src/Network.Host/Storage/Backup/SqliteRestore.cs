using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Network.Host.Storage.Backup;

/// <summary>What a restore did.</summary>
/// <param name="Copy">What the restored database holds (checked).</param>
/// <param name="SetAside">Where the database it replaced went (its -wal and -shm, if any, beside it with the same suffixes); null when there was none.</param>
/// <param name="SetAsideNote">Anything to know about the database set aside (e.g. that its WAL could not be folded in first).</param>
public sealed record SqliteRestoreResult(SqliteCopy Copy, string? SetAside, string? SetAsideNote);

/// <summary>
/// Puts a backup in the place of the SQLite database, when no host is using it. Nothing is deleted and nothing half
/// done is left where the host looks:
/// <list type="number">
/// <item>the backup is copied to a temporary file beside the database and that copy is checked
///   (<see cref="SqliteCopyCheck"/>, and a schema no newer than this program's scripts) and written through to the disk;</item>
/// <item>the database's lock (<see cref="SqliteDatabaseLock"/>) is taken, so no host runs on it now or starts until the end;</item>
/// <item>the current database is opened alone: switching it to journal mode DELETE needs every other connection gone
///   (SQLite's own lock, which also catches a program that does not take the lock file) and folds its WAL in;</item>
/// <item>it is moved aside to <c>&lt;database&gt;.before-restore-&lt;UTC time&gt;</c>, companions first, and the checked
///   copy is renamed into its place, each rename written through to the disk.</item>
/// </list>
/// </summary>
public static class SqliteRestore
{
    /// <summary>How long the restore waits for another connection to let go of the current database before it refuses.</summary>
    public static readonly TimeSpan InUseWait = TimeSpan.FromSeconds(2);

    /// <summary>The files SQLite keeps beside a database, in the order they are moved aside (before the database itself).</summary>
    private static readonly string[] Companions = ["-wal", "-shm", "-journal"];

    /// <summary>
    /// Restores <paramref name="backupPath"/> as the database at <paramref name="databasePath"/>. Throws
    /// <see cref="BackupFailedException"/> (with the database as it was) when the backup is not sound, is newer than
    /// <paramref name="newestKnownVersion"/>, or the database is in use.
    /// </summary>
    public static SqliteRestoreResult Run(string backupPath, string databasePath, int newestKnownVersion, DateTimeOffset now)
    {
        var backup = Path.GetFullPath(backupPath);
        var database = Path.GetFullPath(databasePath);
        if (!File.Exists(backup))
        {
            throw new BackupFailedException($"There is no backup at {backup}.");
        }
        if (string.Equals(backup, database, StringComparison.Ordinal))
        {
            throw new BackupFailedException($"The backup {backup} is the database itself; give a backup file.");
        }
        var folder = Path.GetDirectoryName(database)!;
        Directory.CreateDirectory(folder);

        var temporary = Path.Combine(folder, $".{Path.GetFileName(database)}.restoring-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            File.Copy(backup, temporary);
            var copy = SqliteCopyCheck.Check(temporary, $"The backup {backup}");
            if (copy.SchemaVersion > newestKnownVersion)
            {
                throw new BackupFailedException(
                    $"The backup {backup} has schema version {copy.SchemaVersion} ({copy.SchemaScript}), newer than this program knows " +
                    $"(up to {newestKnownVersion}); restore it with the release that made it.");
            }
            DurableFiles.Flush(temporary);

            using var held = SqliteDatabaseLock.TryAcquire(database, out var heldBecause)
                ?? throw new BackupFailedException(
                    $"A host is running on {database}: it holds the lock file {SqliteDatabaseLock.PathFor(database)}. Stop it first; nothing was changed. ({heldBecause})");
            var (setAside, note) = File.Exists(database) ? SetAside(database, now) : (null, null);
            DurableFiles.Rename(temporary, database);
            return new SqliteRestoreResult(copy, setAside, note);
        }
        catch (IOException exception)
        {
            throw new BackupFailedException($"Restoring {backup} to {database} failed: {exception.Message}", exception);
        }
        finally
        {
            DurableFiles.DeleteQuietly(temporary);
        }
    }

    /// <summary>Moves the current database and its companions aside, after making sure nothing has it open.</summary>
    private static (string SetAside, string? Note) SetAside(string database, DateTimeOffset now)
    {
        var note = FoldInAlone(database);
        var aside = FreeName($"{database}.before-restore-{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}Z");
        // Companions first: a database left without them for a moment is whole once its WAL was folded in, where a
        // WAL left beside the restored database would be replayed into it.
        foreach (var suffix in Companions)
        {
            if (File.Exists(database + suffix))
            {
                File.Move(database + suffix, aside + suffix);
            }
        }
        DurableFiles.Rename(database, aside);
        return (aside, note);
    }

    /// <summary>
    /// Opens the current database alone and switches it to journal mode DELETE, which SQLite allows only when no other
    /// connection has the file open and which copies its WAL into it: the database set aside is then one whole file.
    /// Refuses when another process has it open. A database too damaged to open is set aside as it is, with a note.
    /// </summary>
    private static string? FoldInAlone(string database)
    {
        try
        {
            using var connection = SqliteFiles.Open(database, SqliteOpenMode.ReadWrite, InUseWait);
            var mode = Convert.ToString(SqliteFiles.Rows(connection, "PRAGMA journal_mode = DELETE;")[0][0], CultureInfo.InvariantCulture);
            // SQLite answers the mode it is in; one it could not leave is as telling as an error.
            if (!string.Equals(mode, "delete", StringComparison.OrdinalIgnoreCase))
            {
                throw new BackupFailedException(
                    $"Another process has {database} open (it stays in journal mode {mode}): a host of an older version, or a program such as sqlite3. " +
                    "Stop it first; nothing was changed.");
            }
            return null;
        }
        catch (SqliteException exception) when (SqliteFiles.PrimaryCode(exception) is SqliteFiles.Busy or SqliteFiles.Locked)
        {
            throw new BackupFailedException(
                $"Another process has {database} open ({exception.Message}): a host of an older version, or a program such as sqlite3. " +
                "Stop it first; nothing was changed.", exception);
        }
        catch (SqliteException exception)
        {
            return $"SQLite could not open it to fold its -wal in ({exception.Message}); its files were moved as they were.";
        }
    }

    private static string FreeName(string wanted)
    {
        var name = wanted;
        for (var n = 2; File.Exists(name) || Companions.Any(suffix => File.Exists(name + suffix)); n++)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{wanted}-{n}");
        }
        return name;
    }
}
