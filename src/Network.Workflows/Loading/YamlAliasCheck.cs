using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Network.Workflows.Loading;

/// <summary>
/// Finds an alias (<c>*a</c>) met before its anchor (<c>&amp;a</c>), which YAML forbids anyway, so that it never reaches
/// YamlDotNet's document model (<c>YamlStream</c>): there such an alias is kept as a placeholder, and two placeholders
/// as keys of one mapping compare themselves in an endless recursion, a stack overflow that no catch stops and that
/// ends the process. Every door that builds the document model from someone's text asks here first.
/// </summary>
public static class YamlAliasCheck
{
    /// <summary>The first alias before its anchor (its anchor's name, line and column), or null; malformed YAML is left to the parse that reports it.</summary>
    public static (string Anchor, int Line, int Column)? FirstAliasBeforeItsAnchor(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var parser = new Parser(new StringReader(yaml));
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart:
                        anchors.Clear();
                        break;
                    case AnchorAlias alias when !anchors.Contains(alias.Value.Value):
                        return (alias.Value.Value, (int)Math.Max(1, alias.Start.Line), (int)Math.Max(1, alias.Start.Column));
                    case NodeEvent node when !node.Anchor.IsEmpty:
                        anchors.Add(node.Anchor.Value);
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException or FormatException)
        {
            // Malformed: the parse that follows reports it where it is.
        }
        return null;
    }

    /// <summary>What to tell the author about the alias <see cref="FirstAliasBeforeItsAnchor"/> found.</summary>
    public static string Explain(string anchor) =>
        $"*{anchor} comes before its anchor &{anchor} (or there is none): an alias may only repeat a node anchored above it";
}
