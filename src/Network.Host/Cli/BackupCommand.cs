using System.Globalization;
using Microsoft.Data.Sqlite;
using Network.Host.Storage;
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

    private static readonly HashSet<string> ValueOptions = ["--to"];
    private static readonly HashSet<string> FlagOptions = ["--force"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var line = StorageCommandLine.Parse(args, ValueOptions, FlagOptions, out var problem);
        if (line is { Help: true })
        {
            await output.WriteLineAsync(Usage);
            return StorageCommandExit.Done;
        }
        if (line is null || !line.Values.TryGetValue("--to", out var to))
        {
            await error.WriteLineAsync($"backup: {problem ?? "--to FILE is required"}\n\n{Usage}");
            return StorageCommandExit.UsageError;
        }

        try
        {
            var storage = line.ReadStorage();
            if (storage.Kind == StorageProvider.PostgreSql)
            {
                await error.WriteLineAsync(
                    "backup: the host's storage is PostgreSQL (Storage:Provider); back it up with pg_dump, e.g. " +
                    "pg_dump -Fc -d network -f network-$(date +%F).dump, as the README says under Operations, \"Backups of PostgreSQL\".");
                return StorageCommandExit.Failed;
            }
            var target = InvocationDirectory.Resolve(to, InvocationDirectory.Find());
            var result = SqliteOnlineBackup.Run(storage.SqliteFullPath, target, overwrite: line.Flags.Contains("--force"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Backed up {storage.SqliteFullPath} to {target} in {Seconds(result.CopyTime + result.CheckTime)} " +
                $"(copy {Seconds(result.CopyTime)}, check {Seconds(result.CheckTime)})."));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Size {StorageCommandExit.Size(result.Copy.Bytes)}; schema version {result.Copy.SchemaVersion} ({result.Copy.SchemaScript}); integrity_check: ok."));
            return StorageCommandExit.Done;
        }
        catch (Exception exception) when (StorageCommandExit.IsOperatorError(exception))
        {
            await error.WriteLineAsync($"backup: {exception.Message}");
            return StorageCommandExit.Failed;
        }
    }

    private static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.00} s");
}
