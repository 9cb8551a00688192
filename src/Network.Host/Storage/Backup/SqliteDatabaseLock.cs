namespace Network.Host.Storage.Backup;

/// <summary>
/// Who is using a SQLite database: a running host, or a restore replacing its file. Both hold an exclusive lock on the
/// file <c>&lt;database&gt;.lock</c> beside it for as long as they use it, so a restore is refused while a host runs
/// and a host does not start in the middle of a restore.
/// </summary>
/// <remarks>
/// The lock is the operating system's (.NET's <see cref="FileShare.None"/>: <c>flock</c> on Linux and macOS, a sharing
/// lock on Windows), so it ends with the process however the process ends, SIGKILL included: a lock file left behind
/// means nothing, only a held lock does. The file is never deleted, since another process may be opening it at that
/// moment and would lock a name no one else sees. The lock binds hosts of this version and later and the restore
/// command; it is advisory and does not stop other programs (a <c>sqlite3</c> shell), which the restore detects through
/// SQLite's own locks instead (see <see cref="SqliteRestore"/>).
/// </remarks>
public sealed class SqliteDatabaseLock : IDisposable
{
    private readonly FileStream _held;

    private SqliteDatabaseLock(FileStream held, string path)
    {
        _held = held;
        Path = path;
    }

    /// <summary>The lock file's path.</summary>
    public string Path { get; }

    /// <summary>The lock file of the database at <paramref name="databasePath"/>.</summary>
    public static string PathFor(string databasePath) => System.IO.Path.GetFullPath(databasePath) + ".lock";

    /// <summary>
    /// Takes the database's lock, or answers null with the reason when another process (or another holder in this
    /// one) has it. Creates the lock file, and its folder, when missing.
    /// </summary>
    public static SqliteDatabaseLock? TryAcquire(string databasePath, out string? heldBecause)
    {
        var path = PathFor(databasePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            heldBecause = null;
            return new SqliteDatabaseLock(stream, path);
        }
        catch (IOException exception)
        {
            // .NET reports a lock held elsewhere as an IOException ("being used by another process"); a folder that
            // cannot be written is an UnauthorizedAccessException and goes up as it is.
            heldBecause = exception.Message;
            return null;
        }
    }

    public void Dispose() => _held.Dispose();
}
