using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Cli;

/// <summary>
/// `dotnet Network.Host.dll workflows validate …` as an operator or CI runs it: the built host, no silo, no web host,
/// an exit code and compiler-style lines.
/// </summary>
public sealed class WorkflowsValidateCommandTests : IDisposable
{
    private const string Valid =
        """
        id: reminder
        version: 1
        title: Remind the owners once
        steps:
          - id: wait-a-week
            timer: { after: P7D }
          - id: remind
            notify: owners
            message: "'How is it going?'"
        """;

    private const string Dangling =
        """
        id: follow-up
        version: 1
        title: Follow a commitment
        inputs: [commitmentId]
        steps:
          - id: follow-up
            wait-for: ProgressReported
            where: event.commitmentId == input.commitmentId
            timeout: { after: P45D, then: stalld }
            then: follow-up
          - id: stalled
            escalate: owners
        """;

    private readonly TempDirectory _directory = new("workflows-cli");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Valid_definitions_exit_0()
    {
        await File.WriteAllTextAsync(_directory.File("reminder.yaml"), Valid);

        var (exitCode, output, _) = await RunAsync("workflows", "validate", _directory.Path);

        Assert.Equal(0, exitCode);
        Assert.Contains("1 workflow definition valid: reminder.yaml", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dangling_transition_exits_1_naming_file_line_and_column()
    {
        await File.WriteAllTextAsync(_directory.File("reminder.yaml"), Valid);
        await File.WriteAllTextAsync(_directory.File("follow-up.yaml"), Dangling);

        var (exitCode, output, _) = await RunAsync("workflows", "validate", _directory.Path);

        Assert.Equal(1, exitCode);
        var file = _directory.File("follow-up.yaml");
        Assert.Contains($"{file}:9:35: dangling-transition: step 'follow-up' goes to 'stalld'", output, StringComparison.Ordinal);
        // 'stalled' is then reached by no path.
        Assert.Contains($"{file}:11:9: unreachable-step:", output, StringComparison.Ordinal);
        Assert.Contains("2 errors in 1 of 2 workflow definitions", output, StringComparison.Ordinal);
        Assert.DoesNotContain("reminder.yaml:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_file_can_be_validated()
    {
        await File.WriteAllTextAsync(_directory.File("follow-up.yaml"), Dangling);

        var (exitCode, output, _) = await RunAsync("workflows", "validate", _directory.File("follow-up.yaml"));

        Assert.Equal(1, exitCode);
        Assert.Contains(":9:35: dangling-transition:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("workflows")]
    [InlineData("workflows", "validate")]
    [InlineData("workflows", "check", ".")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var (exitCode, _, error) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: Network.Host workflows validate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_that_does_not_exist_exits_2()
    {
        var missing = _directory.File("nowhere");

        var (exitCode, _, error) = await RunAsync("workflows", "validate", missing);

        Assert.Equal(2, exitCode);
        Assert.Contains($"no such file or directory: {missing}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_with_no_definitions_exits_2()
    {
        var (exitCode, _, error) = await RunAsync("workflows", "validate", _directory.Path);

        Assert.Equal(2, exitCode);
        Assert.Contains("no workflow definitions", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_dotnet_run_a_relative_path_is_relative_to_where_the_command_was_typed()
    {
        await File.WriteAllTextAsync(_directory.File("follow-up.yaml"), Dangling);
        // What `dotnet run --project src/Network.Host -- workflows validate .` does: the host runs in its project
        // folder, and the shell's PWD is the folder the user typed the command in.
        var projectFolder = new DirectoryInfo(Path.GetDirectoryName(HostAssembly.Path)!).Parent!.Parent!.Parent!.FullName;
        Assert.True(File.Exists(Path.Combine(projectFolder, "Network.Host.csproj")), projectFolder);

        var (exitCode, output, _) = await RunInAsync(projectFolder, _directory.Path, "workflows", "validate", ".");

        Assert.Equal(1, exitCode);
        Assert.Contains("follow-up.yaml:9:35: dangling-transition:", output, StringComparison.Ordinal);
        Assert.DoesNotContain(_directory.Path, output, StringComparison.Ordinal);
    }

    private static Task<HostCommandResult> RunAsync(params string[] args) => HostCommand.RunAsync(args);

    private static Task<HostCommandResult> RunInAsync(string workingDirectory, string? pwd, params string[] args) =>
        HostCommand.RunInAsync(workingDirectory, pwd, args);
}
