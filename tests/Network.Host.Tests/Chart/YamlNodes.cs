using YamlDotNet.RepresentationModel;

namespace Network.Host.Tests.Chart;

/// <summary>Reading rendered Kubernetes objects: a missing field fails the test with its name, not a null reference.</summary>
internal static class YamlNodes
{
    public static YamlMappingNode Map(this YamlMappingNode node, string key) => Get<YamlMappingNode>(node, key);

    public static YamlSequenceNode Seq(this YamlMappingNode node, string key) => Get<YamlSequenceNode>(node, key);

    public static string Text(this YamlMappingNode node, string key) => Get<YamlScalarNode>(node, key).Value ?? "";

    public static YamlNode? Find(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static IEnumerable<YamlMappingNode> Maps(this YamlSequenceNode node) => node.Children.Cast<YamlMappingNode>();

    public static IEnumerable<string> Texts(this YamlSequenceNode node) => node.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "");

    /// <summary>A mapping of scalars (labels, a ConfigMap's data) as a dictionary.</summary>
    public static Dictionary<string, string> Strings(this YamlMappingNode node) =>
        node.Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value ?? "",
            pair => ((YamlScalarNode)pair.Value).Value ?? "",
            StringComparer.Ordinal);

    private static T Get<T>(YamlMappingNode node, string key)
        where T : YamlNode
    {
        var child = node.Find(key);
        Assert.True(child is T, $"'{key}' is missing or not a {typeof(T).Name} in:\n{node}");
        return (T)child!;
    }
}
