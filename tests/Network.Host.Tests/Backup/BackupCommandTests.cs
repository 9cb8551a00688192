namespace Network.Host.Tests.Backup;

/// <summary>
/// `backup --to FILE` as an operator runs it (the built host as a process) against a database made in the test: the
/// copy is checked and whole, an existing file is kept unless --force, and PostgreSQL or a usage error is refused.
/// </summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new("network-backup");

    public void Dispose() => _directory.Dispose();

    private string Database => _directory.File("network.db");

    private string DatabaseSetting => $"--Storage:Sqlite:Path={Database}";

    [Theory]
    [InlineData("backup")]
    [InlineData("backup", "--to")]
    [InlineData("backup", "--to", "")]
    [InlineData("backup", "--tox", "copy.db")]
    [InlineData("backup", "copy.db")]
    [InlineData("backup", "--to", "a.db", "--to", "b.db")]
    [InlineData("backup", "--to", "a.db", "--force=yes")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var result = await HostCommand.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Usage: Network.Host backup --to FILE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_copy_is_checked_whole_and_says_its_schema_version()
    {
        await BackupFiles.CreateDatabaseAsync(Database, "before-backup");
        var copy = _directory.File("copy.db");

        var result = await HostCommand.RunAsync("backup", "--to", copy, DatabaseSetting);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Backed up {Database} to {copy}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"schema version {BackupFiles.SchemaVersion(Database)} (", result.Output, StringComparison.Ordinal);
        Assert.Contains("integrity_check: ok", result.Output, StringComparison.Ordinal);
        Assert.Equal("ok", BackupFiles.IntegrityCheck(copy));
        Assert.Equal(["before-backup"], BackupFiles.Markers(copy));
        // One file: no -wal beside it, nor any temporary copy left behind.
        Assert.Equal(["copy.db", "network.db"], BackupFiles.Snapshot(_directory.Path).Keys.Where(f => !f.StartsWith("network.db-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_existing_file_is_kept_unless_force_is_given()
    {
        await BackupFiles.CreateDatabaseAsync(Database, "the-database");
        var copy = _directory.File("copy.db");
        await File.WriteAllTextAsync(copy, "an older backup the operator still wants");

        var refused = await HostCommand.RunAsync("backup", "--to", copy, DatabaseSetting);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains($"{copy} exists; give another file, or --force to replace it", refused.Error, StringComparison.Ordinal);
        Assert.Equal("an older backup the operator still wants", await File.ReadAllTextAsync(copy));

        var forced = await HostCommand.RunAsync("backup", "--to", copy, "--force", DatabaseSetting);

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(["the-database"], BackupFiles.Markers(copy));
    }

    [Fact]
    public async Task A_missing_database_fails_with_exit_1_and_writes_nothing()
    {
        var result = await HostCommand.RunAsync("backup", "--to", _directory.File("copy.db"), DatabaseSetting);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"There is no database at {Database}", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task A_relative_file_under_dotnet_run_is_where_the_command_was_typed()
    {
        await BackupFiles.CreateDatabaseAsync(Database, "the-database");
        // `dotnet run --project src/Network.Host -- backup --to copy.db` runs in the project folder, PWD where it was typed.
        var projectFolder = new DirectoryInfo(Path.GetDirectoryName(HostAssembly.Path)!).Parent!.Parent!.Parent!.FullName;

        var result = await HostCommand.RunInAsync(projectFolder, _directory.Path, "backup", "--to", "copy.db", DatabaseSetting);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["the-database"], BackupFiles.Markers(_directory.File("copy.db")));
    }

    [Theory]
    [InlineData("backup", "--to", "pg_dump")]
    [InlineData("restore", "--from", "pg_restore")]
    public async Task PostgreSQL_storage_is_refused_with_the_tool_to_use(string command, string option, string tool)
    {
        var file = _directory.File("copy.db");
        await File.WriteAllTextAsync(file, "not used");

        var result = await HostCommand.RunAsync(command, option, file,
            "--Storage:Provider=PostgreSQL", "--Storage:ConnectionString=Host=127.0.0.1;Username=network;Database=network");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(tool, result.Error, StringComparison.Ordinal);
        Assert.Contains("\"Backups of PostgreSQL\"", result.Error, StringComparison.Ordinal);
        Assert.Equal("not used", await File.ReadAllTextAsync(file));
    }
}
