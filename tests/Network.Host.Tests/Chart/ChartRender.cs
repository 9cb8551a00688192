using YamlDotNet.RepresentationModel;

namespace Network.Host.Tests.Chart;

/// <summary>What one `helm template` gave: the rendered objects, or helm's error when the render failed.</summary>
public sealed class ChartRender
{
    private ChartRender(ChartCase chartCase, int exitCode, string errors, IReadOnlyList<YamlMappingNode> objects)
    {
        Case = chartCase;
        ExitCode = exitCode;
        Errors = errors;
        Objects = objects;
    }

    public ChartCase Case { get; }

    public int ExitCode { get; }

    public string Errors { get; }

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    public static ChartRender Failed(ChartCase chartCase, int exitCode, string errors) => new(chartCase, exitCode, errors, []);

    /// <summary>Every document of helm's output that is an object (helm leaves empty ones where a template rendered nothing).</summary>
    public static ChartRender Parse(ChartCase chartCase, string output)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(output))
        {
            stream.Load(reader);
        }
        var objects = stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
        return new ChartRender(chartCase, 0, "", objects);
    }

    /// <summary>The objects of one kind.</summary>
    public IReadOnlyList<YamlMappingNode> OfKind(string kind) => Objects.Where(o => o.Text("kind") == kind).ToList();

    /// <summary>The one object of a kind; fails the test when there is none or more than one.</summary>
    public YamlMappingNode One(string kind)
    {
        var found = OfKind(kind);
        Assert.True(found.Count == 1, $"{Case}: expected one {kind}, found {found.Count}.");
        return found[0];
    }

    /// <summary>The Deployment's pod template spec.</summary>
    public YamlMappingNode PodSpec => One("Deployment").Map("spec").Map("template").Map("spec");

    /// <summary>The host container (the pod's only one).</summary>
    public YamlMappingNode Container => Assert.Single(PodSpec.Seq("containers").Children.Cast<YamlMappingNode>());

    /// <summary>What the host process sees as its environment: the settings ConfigMap (envFrom), then env over it.</summary>
    public ContainerEnvironment Environment => ContainerEnvironment.Of(this);
}
