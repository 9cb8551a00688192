namespace Network.Host.Tests.Chart;

/// <summary>The chart ships the repository's workflow library unchanged, where the host is told to read it.</summary>
public sealed class ChartWorkflowsTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    private static string ChartCopy => RepositoryRoot.Combine("helm", "network", "files", "workflows");

    private static string Library => RepositoryRoot.Combine("workflows");

    [Fact]
    public void The_charts_copy_of_the_workflows_equals_the_repositorys_workflows_folder()
    {
        var library = Definitions(Library);
        var copy = Definitions(ChartCopy);

        Assert.True(
            library.Keys.Order(StringComparer.Ordinal).SequenceEqual(copy.Keys.Order(StringComparer.Ordinal)),
            $"helm/network/files/workflows has {string.Join(", ", copy.Keys)} but workflows/ has {string.Join(", ", library.Keys)}: copy workflows/*.yaml into the chart.");
        foreach (var (name, text) in library)
        {
            Assert.True(text == copy[name], $"helm/network/files/workflows/{name} differs from workflows/{name}: copy it again.");
        }
    }

    [Fact]
    public async Task The_rendered_config_map_holds_every_definition_and_is_mounted_where_the_host_reads()
    {
        var render = await chart.RenderAsync(ChartCase.Default);
        var volume = render.PodSpec.Seq("volumes").Maps().Single(v => v.Text("name") == "workflows");
        var configMapName = volume.Map("configMap").Text("name");
        var configMap = render.OfKind("ConfigMap").Single(c => c.Map("metadata").Text("name") == configMapName);
        var mount = render.Container.Seq("volumeMounts").Maps().Single(m => m.Text("name") == "workflows");

        Assert.Equal(Definitions(Library), configMap.Map("data").Strings());
        Assert.Equal(mount.Text("mountPath"), render.Environment.Value("Workflows__Directory"));
    }

    // The files the host loads as definitions (WorkflowCatalog: *.yaml and *.yml), by name.
    private static Dictionary<string, string> Definitions(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(Network.Workflows.Validation.WorkflowCatalog.IsDefinitionFile)
            .ToDictionary(path => Path.GetFileName(path), path => File.ReadAllText(path), StringComparer.Ordinal);
}
