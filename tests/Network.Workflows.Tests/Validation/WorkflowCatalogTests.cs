using Network.Workflows.Validation;

namespace Network.Workflows.Tests.Validation;

public sealed class WorkflowCatalogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"workflows-{Guid.NewGuid():N}");

    public WorkflowCatalogTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_network_s_standard_workflows_are_valid()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "workflows");

        var result = await WorkflowCatalog.ValidateDirectoryAsync(directory);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Contains(result.Files, f => f.Definition?.Id == "commitment-lifecycle");
        Assert.Contains(result.Files, f => f.Definition?.Id == "campaign-launch");
        Assert.Contains(result.Files, f => f.Definition?.Id == "dependency-wait");
    }

    [Fact]
    public async Task Every_yaml_and_yml_file_is_validated_and_other_files_are_not()
    {
        Write("a.yaml", Valid("a"));
        Write("b.yml", Valid("b"));
        Write("notes.txt", "not a workflow");
        Directory.CreateDirectory(Path.Combine(_directory, "europe"));
        File.WriteAllText(Path.Combine(_directory, "europe", "c.yaml"), "broken: [");

        var result = await WorkflowCatalog.ValidateDirectoryAsync(_directory);

        Assert.True(result.IsValid, string.Join('\n', result.Errors));
        Assert.Equal(["a.yaml", "b.yml"], result.Files.Select(f => Path.GetFileName(f.File)));
    }

    [Fact]
    public async Task Two_files_with_the_same_id_and_version_are_an_error()
    {
        Write("a.yaml", Valid("same"));
        Write("b.yaml", Valid("same"));
        Write("c.yaml", Valid("same").Replace("version: 1", "version: 2", StringComparison.Ordinal));

        var result = await WorkflowCatalog.ValidateDirectoryAsync(_directory);

        var error = Assert.Single(result.Errors);
        Assert.Equal(WorkflowErrorCodes.DuplicateWorkflow, error.Code);
        Assert.Equal((Path.Combine(_directory, "b.yaml"), 1, 5), (error.At.File, error.At.Line, error.At.Column));
        Assert.Contains($"{Path.Combine(_directory, "a.yaml")}:1:5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_of_every_file_are_returned_in_file_order()
    {
        Write("a.yaml", Valid("a").Replace("then: end", "then: nowhere", StringComparison.Ordinal));
        Write("b.yaml", "id: b\n");

        var result = await WorkflowCatalog.ValidateAsync([Path.Combine(_directory, "b.yaml"), _directory]);

        Assert.Equal(2, result.Files.Count);
        Assert.Equal(
            ["b.yaml", "b.yaml", "b.yaml", "a.yaml"],
            result.Errors.Select(e => Path.GetFileName(e.At.File)));
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_the_caller_s_mistake()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => WorkflowCatalog.ValidateAsync([Path.Combine(_directory, "none")]));
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_directory, name), text);

    private static string Valid(string id) =>
        $"id: {id}\nversion: 1\ntitle: t\nsteps:\n  - id: wait\n    timer: {{ after: P1D }}\n    then: end\n";
}
