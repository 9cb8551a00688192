using System.Globalization;
using Network.Workflows.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Network.Web.Workflows;

/// <summary>
/// A definition's YAML as a tree (YamlDotNet's representation model) that graph edits change and write back as
/// text. Only the <c>steps</c> sequence is edited; the rest is written back as it was read, except that YAML
/// comments are lost (the representation model does not keep them) — the designer says so before a graph edit.
/// </summary>
internal sealed class WorkflowYamlDocument
{
    /// <summary>The keys of a step that name another step, as scalars.</summary>
    private static readonly string[] TargetKeys = ["then", "else", "default", "loop"];

    /// <summary>The keys of a step whose list names other steps.</summary>
    private static readonly string[] TargetListKeys = ["do", "parallel"];

    private readonly YamlStream _stream;

    private WorkflowYamlDocument(YamlStream stream, YamlMappingNode root, YamlSequenceNode steps)
    {
        _stream = stream;
        Steps = steps;
        // YamlDotNet's nodes know where they start, not where they end: the steps end where the next top-level key starts.
        LineAfterSteps = root.Children.Keys.Select(k => k.Start.Line).Where(l => l > steps.Start.Line).DefaultIfEmpty(long.MaxValue).Min();
    }

    public YamlSequenceNode Steps { get; }

    /// <summary>The line of the first top-level key after <c>steps</c> (or the largest number when there is none).</summary>
    public long LineAfterSteps { get; }

    /// <summary>Parses the text; null with a reason when it is not a YAML mapping with a <c>steps</c> list (the editor shows why).</summary>
    public static WorkflowYamlDocument? TryParse(string yaml, out string? reason)
    {
        if (Network.Workflows.Loading.YamlAliasCheck.FirstAliasBeforeItsAnchor(yaml) is { } alias)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"{Network.Workflows.Loading.YamlAliasCheck.Explain(alias.Anchor)} (line {alias.Line}): fix it in the editor first");
            return null;
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"the YAML does not parse (line {e.Start.Line}): fix it in the editor first");
            return null;
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            reason = "the YAML is not one workflow mapping: fix it in the editor first";
            return null;
        }
        if (!root.Children.TryGetValue(new YamlScalarNode("steps"), out var steps) || steps is not YamlSequenceNode list)
        {
            reason = "the workflow has no 'steps' list: fix it in the editor first";
            return null;
        }
        reason = null;
        return new WorkflowYamlDocument(stream, root, list);
    }

    public IEnumerable<YamlMappingNode> StepMappings => Steps.Children.OfType<YamlMappingNode>();

    public YamlMappingNode? Step(string id) => StepMappings.FirstOrDefault(s => Scalar(s, "id") == id);

    public int IndexOf(string id) => Steps.Children.IndexOf(Step(id)!);

    public static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public static void Set(YamlMappingNode mapping, string key, YamlNode value) => mapping.Children[new YamlScalarNode(key)] = value;

    public static void Remove(YamlMappingNode mapping, string key) => mapping.Children.Remove(new YamlScalarNode(key));

    /// <summary>The activity keyword a step mapping uses (the first key that is one).</summary>
    public static string? Activity(YamlMappingNode step) =>
        step.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).FirstOrDefault(k => k is not null && WorkflowFormat.ActivityKeywords.Contains(k));

    /// <summary>Every place in another step that names <paramref name="id"/>, as "step (key)".</summary>
    public IReadOnlyList<string> ReferencesTo(string id)
    {
        var found = new List<string>();
        foreach (var step in StepMappings)
        {
            var stepId = Scalar(step, "id") ?? "?";
            found.AddRange(TargetSlots(step).Where(slot => slot.Node.Value == id && stepId != id).Select(slot => $"{stepId} ({slot.Key})"));
        }
        return found;
    }

    /// <summary>Renames every reference to a step (then, else, default, loop, do, parallel, timeout.then, switch cases).</summary>
    public void RenameReferences(string from, string to)
    {
        foreach (var slot in StepMappings.SelectMany(TargetSlots).Where(s => s.Node.Value == from).ToList())
        {
            slot.Node.Value = to;
        }
    }

    /// <summary>Every scalar of a step that names another step, with the key it sits under.</summary>
    private static IEnumerable<(string Key, YamlScalarNode Node)> TargetSlots(YamlMappingNode step)
    {
        var activity = Activity(step);
        foreach (var key in TargetKeys)
        {
            // An if's 'then' names its true branch, and a loop's value its body: both are steps.
            if (Child(step, key) is YamlScalarNode scalar && (key != "loop" || activity == "loop"))
            {
                yield return (key, scalar);
            }
        }
        foreach (var key in TargetListKeys)
        {
            if (Child(step, key) is YamlSequenceNode list)
            {
                foreach (var item in list.Children.OfType<YamlScalarNode>())
                {
                    yield return (key, item);
                }
            }
        }
        if (Child(step, "timeout") is YamlMappingNode timeout && Child(timeout, "then") is YamlScalarNode timeoutThen)
        {
            yield return ("timeout.then", timeoutThen);
        }
        if (Child(step, "switch") is YamlSequenceNode cases)
        {
            var i = 0;
            foreach (var @case in cases.Children.OfType<YamlMappingNode>())
            {
                if (Child(@case, "then") is YamlScalarNode caseThen)
                {
                    yield return (string.Create(CultureInfo.InvariantCulture, $"switch[{i}].then"), caseThen);
                }
                i++;
            }
        }
    }

    public string ToText()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        // Indented lists, as the library's files write them.
        _stream.Save(new Emitter(writer, EmitterSettings.Default.WithIndentedSequences()), assignAnchors: false);
        var text = writer.ToString();
        // The emitter closes the document with an explicit end marker; the library's files do not have one.
        var end = text.LastIndexOf("...", StringComparison.Ordinal);
        if (end >= 0 && text[end..].Trim() == "...")
        {
            text = text[..end];
        }
        return text.TrimEnd() + "\n";
    }
}
