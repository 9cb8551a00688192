using System.Globalization;
using Microsoft.Data.Sqlite;
using Network.Host.Storage.Backup;

namespace Network.Host.Cli;

/// <summary>What `backup` and `restore` share: their exit codes and the failures they report as a message.</summary>
internal static class StorageCommandExit
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    /// <summary>
    /// A failure the operator can act on from its message alone (a refusal, a wrong setting, a file that cannot be
    /// read or written), printed on stderr without a stack trace. Anything else is a bug and goes up as it is.
    /// </summary>
    public static bool IsOperatorError(Exception exception) =>
        exception is BackupFailedException or InvalidOperationException or IOException or UnauthorizedAccessException or SqliteException;

    public static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB ({bytes:N0} bytes)"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB ({bytes:N0} bytes)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB ({bytes:N0} bytes)"),
    };
}
