using System.Globalization;
using Network.Host.Storage.Backup;

namespace Network.Host.Cli;

/// <summary>
/// <c>Network.Host backup --to FILE [--force] [--Storage:…=…]</c>: copies the embedded SQLite database, consistent as of
/// one moment, while a host may be running on it (<see cref="SqliteOnlineBackup"/>). Exit codes: 0 done, 1 failed
/// (the reason on stderr; FILE is as it was), 2 usage error.
/// </summary>
public static class BackupCommand
{
    private const string Usage =
        """
        Usage: Network.Host backup --to FILE [--force] [--Storage:Sqlite:Path=DATABASE]

          Copies the SQLite database the host is configured with (appsettings.json, environment, --Storage:... settings)
          to FILE with SQLite's online backup, consistent while the host runs, then checks the copy (integrity_check,
          schema version) before it takes the name FILE. An existing FILE is replaced only with --force.
          Exits 0 when done, 1 when the backup failed (FILE unchanged), 2 on a usage error.
        """;

    private static readonly SqliteFileCommand Frame = new("backup", Usage, "--to", new HashSet<string> { "--force" },
        "back it up with pg_dump, e.g. pg_dump -Fc -d network -f network-$(date +%F).dump, as the README says under " +
        "Operations, \"Backups of PostgreSQL\".");

    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error) =>
        Frame.RunAsync(args, output, error, async command =>
        {
            var result = SqliteOnlineBackup.Run(command.DatabasePath, command.File, overwrite: command.Flags.Contains("--force"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Backed up {command.DatabasePath} to {command.File} in {Seconds(result.CopyTime + result.CheckTime)} " +
                $"(copy {Seconds(result.CopyTime)}, check {Seconds(result.CheckTime)})."));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Size {StorageCommandExit.Size(result.Copy.Bytes)}; schema version {result.Copy.SchemaVersion} ({result.Copy.SchemaScript}); integrity_check: ok."));
        });

    private static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.00} s");
}
