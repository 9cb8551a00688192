using YamlDotNet.RepresentationModel;

namespace Network.Host.Tests.Chart;

/// <summary>Where one environment variable of the host container comes from.</summary>
public sealed record EnvironmentSource(string Name, string? Value, string? SecretName, string? SecretKey, string? FieldPath, bool FromConfigMap)
{
    public bool FromSecret => SecretName is not null;
}

/// <summary>
/// The host container's environment as Kubernetes builds it: the ConfigMaps of envFrom first, then env, whose entries
/// win (as in Kubernetes). Only ConfigMaps the chart renders are read.
/// </summary>
public sealed class ContainerEnvironment
{
    private readonly Dictionary<string, EnvironmentSource> _variables;

    private ContainerEnvironment(Dictionary<string, EnvironmentSource> variables) => _variables = variables;

    public IReadOnlyCollection<EnvironmentSource> All => _variables.Values;

    public EnvironmentSource this[string name]
    {
        get
        {
            Assert.True(_variables.TryGetValue(name, out var source), $"The container has no {name} (it has {string.Join(", ", _variables.Keys)}).");
            return source;
        }
    }

    public bool Has(string name) => _variables.ContainsKey(name);

    /// <summary>A plain value (a ConfigMap's or a literal), failing the test when it comes from elsewhere.</summary>
    public string Value(string name) => this[name].Value ?? throw new InvalidOperationException($"{name} has no plain value.");

    public static ContainerEnvironment Of(ChartRender render)
    {
        ArgumentNullException.ThrowIfNull(render);
        var variables = new Dictionary<string, EnvironmentSource>(StringComparer.Ordinal);
        var container = render.Container;
        if (container.Find("envFrom") is YamlSequenceNode envFrom)
        {
            foreach (var reference in envFrom.Maps())
            {
                var name = reference.Map("configMapRef").Text("name");
                var configMap = render.OfKind("ConfigMap").Single(c => c.Map("metadata").Text("name") == name);
                foreach (var (key, value) in configMap.Map("data").Strings())
                {
                    variables[key] = new EnvironmentSource(key, value, null, null, null, FromConfigMap: true);
                }
            }
        }
        if (container.Find("env") is YamlSequenceNode env)
        {
            foreach (var entry in env.Maps())
            {
                var name = entry.Text("name");
                variables[name] = Source(name, entry);
            }
        }
        return new ContainerEnvironment(variables);
    }

    private static EnvironmentSource Source(string name, YamlMappingNode entry)
    {
        if (entry.Find("valueFrom") is not YamlMappingNode from)
        {
            return new EnvironmentSource(name, entry.Text("value"), null, null, null, FromConfigMap: false);
        }
        if (from.Find("secretKeyRef") is YamlMappingNode secret)
        {
            return new EnvironmentSource(name, null, secret.Text("name"), secret.Text("key"), null, FromConfigMap: false);
        }
        if (from.Find("fieldRef") is YamlMappingNode field)
        {
            return new EnvironmentSource(name, null, null, null, field.Text("fieldPath"), FromConfigMap: false);
        }
        return new EnvironmentSource(name, null, null, null, null, FromConfigMap: false);
    }
}
