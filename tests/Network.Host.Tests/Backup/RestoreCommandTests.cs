using Microsoft.Extensions.Options;
using Network.Host.Bootstrap;
using Network.Host.Storage;
using Network.Host.Storage.Backup;

namespace Network.Host.Tests.Backup;

/// <summary>
/// `restore --from FILE` (the built host as a process) against databases made in the test: a sound backup takes the
/// database's place and the database is set aside; a backup that is not sound, or a database in use, is refused
/// with the folder exactly as it was.
/// </summary>
public sealed class RestoreCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new("network-restore");

    public void Dispose() => _directory.Dispose();

    private string Database => _directory.File("network.db");

    private string DatabaseSetting => $"--Storage:Sqlite:Path={Database}";

    [Theory]
    [InlineData("restore")]
    [InlineData("restore", "--from")]
    [InlineData("restore", "--to", "copy.db")]
    [InlineData("restore", "--from", "copy.db", "--force")]
    [InlineData("restore", "--from", "copy.db", "extra")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var result = await HostCommand.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Usage: Network.Host restore --from FILE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backup_takes_the_place_of_the_database_which_is_set_aside()
    {
        await BackupFiles.CreateDatabaseAsync(Database, "in-the-backup");
        var backup = _directory.File("backup.db");
        Assert.Equal(0, (await HostCommand.RunAsync("backup", "--to", backup, DatabaseSetting)).ExitCode);
        BackupFiles.AddMarker(Database, "after-the-backup");

        var result = await HostCommand.RunAsync("restore", "--from", backup, DatabaseSetting);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["in-the-backup"], BackupFiles.Markers(Database));
        var setAside = Assert.Single(Directory.GetFiles(_directory.Path, "network.db.before-restore-*"));
        Assert.Equal(["after-the-backup", "in-the-backup"], BackupFiles.Markers(setAside));
        Assert.Contains($"Set the database it replaces aside: {Database} -> {setAside}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"Restored {backup} to {Database}", result.Output, StringComparison.Ordinal);
        // The backup itself is read, never changed.
        Assert.Equal(["in-the-backup"], BackupFiles.Markers(backup));
    }

    [Fact]
    public async Task A_file_that_is_not_sqlite_is_refused_and_nothing_changes()
    {
        await BackupFiles.CreateDatabaseAsync(Database, "the-database");
        var backup = _directory.File("backup.db");
        await File.WriteAllTextAsync(backup, "this is a shopping list, not a database\n" + new string('x', 8192));
        var before = BackupFiles.Snapshot(_directory.Path);

        var result = await HostCommand.RunAsync("restore", "--from", backup, DatabaseSetting);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"The backup {backup} is not a SQLite database", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, BackupFiles.Snapshot(_directory.Path));
    }

    [Fact]
    public async Task A_damaged_backup_is_refused_and_nothing_changes()
    {
        await BackupFiles.CreateDatabaseAsync(Database, "the-database");
        var backup = _directory.File("backup.db");
        Assert.Equal(0, (await HostCommand.RunAsync("backup", "--to", backup, DatabaseSetting)).ExitCode);
        Damage(backup);
        var before = BackupFiles.Snapshot(_directory.Path);

        var result = await HostCommand.RunAsync("restore", "--from", backup, DatabaseSetting);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches($"The backup {backup} (fails SQLite's integrity check|is a damaged SQLite database)", result.Error);
        Assert.Equal(before, BackupFiles.Snapshot(_directory.Path));
    }

    [Fact]
    public async Task A_sqlite_file_that_is_not_a_network_database_is_refused()
    {
        await BackupFiles.CreateDatabaseAsync(Database, "the-database");
        var backup = _directory.File("other.db");
        using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE recipes (name TEXT);";
            command.ExecuteNonQuery();
        }
        var before = BackupFiles.Snapshot(_directory.Path);

        var result = await HostCommand.RunAsync("restore", "--from", backup, DatabaseSetting);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("is a SQLite database but not Network's: it has no network_schema_version table", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, BackupFiles.Snapshot(_directory.Path));
    }

    [Fact]
    public async Task A_backup_newer_than_this_program_is_refused()
    {
        await BackupFiles.CreateDatabaseAsync(Database, "the-database");
        var backup = _directory.File("backup.db");
        Assert.Equal(0, (await HostCommand.RunAsync("backup", "--to", backup, DatabaseSetting)).ExitCode);
        using (var connection = BackupFiles.Open(backup))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO network_schema_version (version, name, applied_at) VALUES (9999, '9999_from_the_future.sql', '2031-01-01T00:00:00Z');";
            command.ExecuteNonQuery();
        }
        var before = BackupFiles.Snapshot(_directory.Path);

        var result = await HostCommand.RunAsync("restore", "--from", backup, DatabaseSetting);

        Assert.True(result.ExitCode == 1, result.ToString());
        var known = SchemaScripts.For(StorageProvider.Sqlite)[^1].Version;
        Assert.Contains($"schema version 9999 (9999_from_the_future.sql), newer than this program knows (up to {known})", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, BackupFiles.Snapshot(_directory.Path));
    }

    [Fact]
    public async Task Another_process_with_the_database_open_is_detected_and_nothing_changes()
    {
        await BackupFiles.CreateDatabaseAsync(Database, "the-database");
        var backup = _directory.File("backup.db");
        Assert.Equal(0, (await HostCommand.RunAsync("backup", "--to", backup, DatabaseSetting)).ExitCode);
        // Read before the database is opened: closing any handle on a file drops every POSIX lock this process holds
        // on it, SQLite's included.
        var before = BackupFiles.Snapshot(_directory.Path);
        // A program that does not take the lock file (this test process, as a sqlite3 shell would) has the file open.
        using var user = BackupFiles.Open(Database);
        using (var read = user.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM data_protection_key;";
            Assert.Equal(1L, read.ExecuteScalar());
        }

        var result = await HostCommand.RunAsync("restore", "--from", backup, DatabaseSetting);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"Another process has {Database} open", result.Error, StringComparison.Ordinal);
        user.Close();
        // Only the lock file the restore took is new.
        Assert.Equal(before.Keys.Append("network.db.lock").Order(StringComparer.Ordinal), BackupFiles.Snapshot(_directory.Path).Keys);
        Assert.Equal(before["network.db"], BackupFiles.Snapshot(_directory.Path)["network.db"]);
    }

    [Fact]
    public async Task A_host_does_not_start_while_the_lock_is_held()
    {
        // What a host meets when it starts in the middle of a restore (or on a file another host runs on).
        using var restoring = SqliteDatabaseLock.TryAcquire(Database, out _);
        Assert.NotNull(restoring);
        using var holder = new SqliteDatabaseLockHolder(Options.Create(new StorageOptions { Sqlite = { Path = Database } }));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => holder.StartAsync(CancellationToken.None));

        Assert.Contains($"The SQLite database {Database} is in use", refused.Message, StringComparison.Ordinal);
        restoring.Dispose();
        await holder.StartAsync(CancellationToken.None);
        Assert.Null(SqliteDatabaseLock.TryAcquire(Database, out _));
    }

    /// <summary>Overwrites the page that holds the markers' table (a page in use, unlike the file's last page may be) with noise.</summary>
    private static void Damage(string path)
    {
        long rootPage;
        using (var connection = BackupFiles.Open(path))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT rootpage FROM sqlite_master WHERE name = 'data_protection_key';";
            rootPage = (long)command.ExecuteScalar()!;
        }
        var bytes = File.ReadAllBytes(path);
        var pageSize = (bytes[16] << 8) | bytes[17];
        var noise = new Random(7);
        for (var i = (rootPage - 1) * pageSize; i < rootPage * pageSize; i++)
        {
            bytes[i] = (byte)noise.Next(256);
        }
        File.WriteAllBytes(path, bytes);
    }
}
