using System.Globalization;
using Network.Host.Storage;
using Network.Host.Storage.Backup;

namespace Network.Host.Cli;

/// <summary>
/// <c>Network.Host restore --from FILE [--Storage:…=…]</c>: puts a backup in the place of the embedded SQLite
/// database while no host runs on it (<see cref="SqliteRestore"/>); the database it replaces is set aside, never
/// deleted. Exit codes: 0 done, 1 refused or failed (the reason on stderr; the database is as it was), 2 usage error.
/// </summary>
public static class RestoreCommand
{
    private const string Usage =
        """
        Usage: Network.Host restore --from FILE [--Storage:Sqlite:Path=DATABASE]

          Puts the backup FILE in the place of the SQLite database the host is configured with (appsettings.json,
          environment, --Storage:... settings). The backup is checked first (integrity_check, a Network schema no newer
          than this program's); the restore is refused while a host runs on the database. The current database and its
          -wal are moved aside to DATABASE.before-restore-<UTC time>, never deleted.
          Exits 0 when done, 1 when refused or failed (the database unchanged), 2 on a usage error.
        """;

    private static readonly SqliteFileCommand Frame = new("restore", Usage, "--from", new HashSet<string>(),
        "restore a pg_dump backup with pg_restore, as the README says under Operations, \"Backups of PostgreSQL\".");

    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        Frame.RunAsync(args, output, error, async command =>
        {
            var newestKnown = SchemaScripts.For(StorageProvider.Sqlite)[^1].Version;
            var started = TimeProvider.System.GetTimestamp();
            var result = SqliteRestore.Run(command.File, command.DatabasePath, newestKnown, TimeProvider.System.GetUtcNow());
            var took = TimeProvider.System.GetElapsedTime(started);

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Checked {command.File}: integrity_check ok; schema version {result.Copy.SchemaVersion} ({result.Copy.SchemaScript}), this program knows up to {newestKnown}."));
            await output.WriteLineAsync(result.SetAside is null
                ? $"There was no database at {command.DatabasePath}; nothing was set aside."
                : $"Set the database it replaces aside: {command.DatabasePath} -> {result.SetAside}" + (result.SetAsideNote is null ? "" : $" ({result.SetAsideNote})"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Restored {command.File} to {command.DatabasePath} in {took.TotalSeconds:0.00} s: {StorageCommandExit.Size(result.Copy.Bytes)}. " +
                $"Start the host to use it (it upgrades an older schema as it starts)."));
        });
}
