using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Network.Host.Storage.Backup;

/// <summary>What a checked copy of the database holds.</summary>
/// <param name="SchemaVersion">The newest schema script recorded in <c>network_schema_version</c>.</param>
/// <param name="SchemaScript">That script's name, e.g. <c>0006_data_protection_keys.sql</c>.</param>
/// <param name="Bytes">The copy's size on disk.</param>
public sealed record SqliteCopy(int SchemaVersion, string SchemaScript, long Bytes);

/// <summary>
/// Checks a copy of the database before anyone relies on it: that SQLite can read it and finds nothing wrong in it
/// (<c>PRAGMA integrity_check</c>), and that it is a Network database (its schema version table is there).
/// </summary>
internal static class SqliteCopyCheck
{
    /// <summary>How many of integrity_check's problems a refusal quotes.</summary>
    private const int ProblemsQuoted = 5;

    /// <summary>
    /// Checks the copy at <paramref name="path"/>, which must be a file of its own that nothing else uses (a temporary
    /// copy): the check first sets its journal mode to DELETE, so the copy is one self-contained file with no -wal
    /// beside it (the host puts a database back in WAL mode when it starts). Throws <see cref="BackupFailedException"/>
    /// naming <paramref name="describedAs"/> when the copy is not sound.
    /// </summary>
    public static SqliteCopy Check(string path, string describedAs)
    {
        int version;
        string script;
        try
        {
            using (var connection = SqliteFiles.Open(path, SqliteOpenMode.ReadWrite, TimeSpan.FromSeconds(StorageConnectionStrings.SqliteBusyTimeoutSeconds)))
            {
                SqliteFiles.Execute(connection, "PRAGMA journal_mode = DELETE;");
                var problems = SqliteFiles.Rows(connection, "PRAGMA integrity_check;")
                    .Select(row => Convert.ToString(row[0], CultureInfo.InvariantCulture) ?? "")
                    .Where(line => !string.Equals(line, "ok", StringComparison.Ordinal))
                    .ToList();
                if (problems.Count > 0)
                {
                    throw new BackupFailedException(
                        $"{describedAs} fails SQLite's integrity check ({Count(problems.Count, "problem")}): " +
                        string.Join("; ", problems.Take(ProblemsQuoted)) + (problems.Count > ProblemsQuoted ? "; …" : ""));
                }
                var hasVersions = SqliteFiles.Rows(connection,
                    $"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{SchemaMigrator.VersionTable}';").Count > 0;
                var newest = hasVersions
                    ? SqliteFiles.Rows(connection, $"SELECT version, name FROM {SchemaMigrator.VersionTable} ORDER BY version DESC LIMIT 1;")
                    : [];
                if (newest.Count == 0)
                {
                    throw new BackupFailedException(
                        $"{describedAs} is a SQLite database but not Network's: " +
                        (hasVersions ? $"its {SchemaMigrator.VersionTable} table is empty." : $"it has no {SchemaMigrator.VersionTable} table."));
                }
                version = Convert.ToInt32(newest[0][0], CultureInfo.InvariantCulture);
                script = Convert.ToString(newest[0][1], CultureInfo.InvariantCulture) ?? "";
            }
            return new SqliteCopy(version, script, new FileInfo(path).Length);
        }
        catch (SqliteException exception) when (SqliteFiles.PrimaryCode(exception) is SqliteFiles.NotADatabase)
        {
            throw new BackupFailedException($"{describedAs} is not a SQLite database ({exception.Message}).", exception);
        }
        catch (SqliteException exception) when (SqliteFiles.PrimaryCode(exception) is SqliteFiles.Corrupt)
        {
            throw new BackupFailedException($"{describedAs} is a damaged SQLite database ({exception.Message}).", exception);
        }
        catch (SqliteException exception)
        {
            throw new BackupFailedException($"{describedAs} could not be checked: {exception.Message}", exception);
        }
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
