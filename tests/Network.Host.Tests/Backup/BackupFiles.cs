using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Host.Storage;

namespace Network.Host.Tests.Backup;

/// <summary>
/// SQLite files for the backup and restore tests, made and read in the test process on unpooled connections (a pooled
/// one would keep the file open after the test let go of it, and the restore would rightly find it in use).
/// </summary>
public static class BackupFiles
{
    /// <summary>A Network database at <paramref name="path"/>, its schema applied as a host applies it, holding <paramref name="markers"/>.</summary>
    public static async Task CreateDatabaseAsync(string path, params string[] markers)
    {
        ArgumentNullException.ThrowIfNull(markers);
        var storage = new StorageOptions { Sqlite = { Path = path } };
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        // The migrator's connection is pooled and stays open in this process: close it, as a stopped host would.
        using (var pooled = new SqliteConnection(storage.ResolveConnectionString()))
        {
            SqliteConnection.ClearPool(pooled);
        }
        foreach (var marker in markers)
        {
            AddMarker(path, marker);
        }
    }

    /// <summary>Writes a row to find again: a data-protection key named <paramref name="marker"/> (any table would do).</summary>
    public static void AddMarker(string path, string marker)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO data_protection_key (friendly_name, xml, created_at) VALUES ($name, '<key/>', '2026-01-01T00:00:00Z');";
        command.Parameters.AddWithValue("$name", marker);
        command.ExecuteNonQuery();
    }

    /// <summary>The markers in the database at <paramref name="path"/>, in order.</summary>
    public static IReadOnlyList<string> Markers(string path) =>
        [.. Scalars(path, "SELECT friendly_name FROM data_protection_key ORDER BY friendly_name;")];

    /// <summary>What <c>PRAGMA integrity_check</c> says of the file: "ok" when SQLite finds nothing wrong.</summary>
    public static string IntegrityCheck(string path) => string.Join("; ", Scalars(path, "PRAGMA integrity_check;"));

    /// <summary>The newest version recorded in network_schema_version.</summary>
    public static long SchemaVersion(string path) => long.Parse(Scalars(path, "SELECT max(version) FROM network_schema_version;").Single(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Each file of a folder with a hash of its bytes, to show that a refused command changed nothing.</summary>
    public static IReadOnlyDictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToDictionary(
            file => Path.GetFileName(file),
            file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))));

    /// <summary>An unpooled read-write connection: closed for real when disposed.</summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static List<string> Scalars(string path, string sql)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Constant SQL of this class.
        command.CommandText = sql;
#pragma warning restore CA2100
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }
        return values;
    }
}
