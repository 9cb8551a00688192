using Network.Workflows.Definitions;
using Network.Workflows.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Network.Workflows.Loading;

/// <summary>
/// Reads a definition file (the format of workflows/README.md) into a <see cref="WorkflowDefinition"/>, keeping
/// every value's line and column. Never throws on bad input: every problem becomes a <see cref="WorkflowError"/> —
/// YAML syntax, a missing or unknown key at any level (a typo is never ignored), a value of the wrong kind, a step
/// with no activity, two activities, or a misspelt one. What the definition means (transitions, durations,
/// expressions, cron) is <see cref="WorkflowValidator"/>'s job.
/// </summary>
public static class WorkflowLoader
{
    public static WorkflowLoadResult Load(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        return new DefinitionReader(new SourceText(file, yaml)).Read();
    }

    /// <summary>Reads and loads a file; a file that cannot be read is one error, not an exception.</summary>
    public static async Task<WorkflowLoadResult> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var error = new WorkflowError(new SourceSpan(path, 1, 1), WorkflowErrorCodes.UnreadableFile, $"the file cannot be read: {e.Message}");
            return new WorkflowLoadResult(path, null, [error], WorkflowSourceMap.Empty);
        }
        return Load(text, path);
    }
}

/// <summary>One pass over one file's YAML tree; collects errors and the source map as it builds the model.</summary>
internal sealed partial class DefinitionReader
{
    private readonly SourceText _source;
    private readonly List<WorkflowError> _errors = [];
    private readonly WorkflowSourceMap _map = new();

    public DefinitionReader(SourceText source) => _source = source;

    public WorkflowLoadResult Read()
    {
        var root = Parse();
        var definition = root is null ? null : ReadDefinition(root);
        _errors.Sort(WorkflowError.Compare);
        return new WorkflowLoadResult(_source.File, definition, _errors, _map);
    }

    private YamlMappingNode? Parse()
    {
        if (YamlAliasCheck.FirstAliasBeforeItsAnchor(_source.Text) is { } alias)
        {
            Error(new SourceSpan(_source.File, alias.Line, alias.Column), WorkflowErrorCodes.YamlSyntax, YamlAliasCheck.Explain(alias.Anchor));
            return null;
        }
        var parser = new Parser(new StringReader(_source.Text));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var at = e.Start.Line > 0 ? Span(e.Start) : new SourceSpan(_source.File, 1, 1);
            // The usual mistake: an unquoted value with ": " in it (a ? b : c) reads as a second key.
            var hint = e.Message.Contains("invalid mapping", StringComparison.OrdinalIgnoreCase)
                ? " (a value with ': ' in it, such as a ? b : c, must be quoted)"
                : "";
            Error(at, WorkflowErrorCodes.YamlSyntax, Sentence(e.Message) + hint);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet gives up on some malformed input (an unclosed flow list) without a YamlException; the last
            // event it read is the closest position there is.
            var at = parser.Current is { } current ? Span(current.End) : new SourceSpan(_source.File, 1, 1);
            Error(at, WorkflowErrorCodes.YamlSyntax, "the YAML is malformed here (an unclosed [ or { perhaps)");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            Error(new SourceSpan(_source.File, 1, 1), WorkflowErrorCodes.EmptyFile, "the file is empty; a workflow definition starts with 'id:'");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            Error(Span(stream.Documents[1].RootNode), WorkflowErrorCodes.MultipleDocuments,
                "a second YAML document (after ---); one file holds one workflow definition");
        }
        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode mapping)
        {
            return mapping;
        }
        if (IsNull(root))
        {
            Error(new SourceSpan(_source.File, 1, 1), WorkflowErrorCodes.EmptyFile, "the file is empty; a workflow definition starts with 'id:'");
            return null;
        }
        Error(Span(root), WorkflowErrorCodes.WrongType, $"a workflow definition is a mapping (id: …, steps: …), not {Describe(root)}");
        return null;
    }

    private WorkflowDefinition ReadDefinition(YamlMappingNode root)
    {
        var keys = Keys(root, WorkflowFormat.DefinitionKeys, "a workflow definition");
        var spans = new List<(string Key, SourceSpan At)>();

        var id = RequiredText(root, keys, "id", "a workflow definition");
        if (id is not null)
        {
            spans.Add(("id", Span(keys["id"].Value)));
            if (!WorkflowIdPattern().IsMatch(id))
            {
                Error(keys["id"].Value, WorkflowErrorCodes.InvalidValue,
                    $"the workflow id '{id}' may hold only lower-case letters, digits and single hyphens (e.g. commitment-lifecycle)");
            }
        }

        int? version = null;
        if (keys.TryGetValue("version", out var versionEntry))
        {
            version = Integer(versionEntry.Value, "version");
            spans.Add(("version", Span(versionEntry.Value)));
            if (version is < 1)
            {
                Error(versionEntry.Value, WorkflowErrorCodes.InvalidValue, $"version must be 1 or more, not {version}");
            }
        }
        else
        {
            Error(root, WorkflowErrorCodes.MissingKey, "a workflow definition needs 'version' (1 for a first version)");
        }

        var title = RequiredText(root, keys, "title", "a workflow definition");
        var description = keys.TryGetValue("description", out var descriptionEntry) ? Text(descriptionEntry.Value, "description") : null;
        var trigger = keys.TryGetValue("starts-on", out var triggerEntry) ? ReadTrigger(triggerEntry.Value) : new ManualTrigger(Span(root));

        var inputs = new List<string>();
        if (keys.TryGetValue("inputs", out var inputsEntry))
        {
            foreach (var (name, node) in TextList(inputsEntry.Value, "inputs") ?? [])
            {
                if (inputs.Contains(name, StringComparer.Ordinal))
                {
                    Error(node, WorkflowErrorCodes.InvalidValue, $"the input '{name}' is listed twice");
                    continue;
                }
                inputs.Add(name);
                spans.Add(($"inputs.{name}", Span(node)));
            }
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.TryGetValue("settings", out var settingsEntry) && Mapping(settingsEntry.Value, "settings") is { } settingsNode)
        {
            foreach (var (name, keyNode, valueNode) in Entries(settingsNode))
            {
                if (Text(valueNode, $"the setting '{name}'") is { } value)
                {
                    settings[name] = value;
                    spans.Add(($"settings.{name}", Span(valueNode)));
                }
                else if (IsNull(valueNode))
                {
                    Error(keyNode, WorkflowErrorCodes.MissingKey, $"the setting '{name}' has no value; settings need a default");
                }
            }
        }

        var variables = keys.TryGetValue("variables", out var variablesEntry)
            ? ExpressionMap(variablesEntry.Value, "variables", "variable")
            : new Dictionary<string, Expression>(StringComparer.Ordinal);

        var steps = new List<StepDefinition>();
        if (keys.TryGetValue("steps", out var stepsEntry))
        {
            if (stepsEntry.Value is YamlSequenceNode stepNodes)
            {
                if (stepNodes.Children.Count == 0)
                {
                    Error(stepNodes, WorkflowErrorCodes.InvalidValue, "a workflow needs at least one step");
                }
                for (var i = 0; i < stepNodes.Children.Count; i++)
                {
                    if (ReadStep(stepNodes.Children[i], i + 1) is { } step)
                    {
                        steps.Add(step);
                    }
                }
            }
            else
            {
                Error(stepsEntry.Value, WorkflowErrorCodes.WrongType, $"steps is a list of steps (- id: …), not {Describe(stepsEntry.Value)}");
            }
        }
        else
        {
            Error(root, WorkflowErrorCodes.MissingKey, "a workflow definition needs 'steps'");
        }

        var definition = new WorkflowDefinition(id ?? "", version ?? 0, title ?? "", description, trigger, inputs, settings, variables, steps, Span(root));
        foreach (var (key, at) in spans)
        {
            _map.Record(definition, key, at);
        }
        return definition;
    }

    private Trigger ReadTrigger(YamlNode node)
    {
        var at = Span(node);
        if (node is YamlScalarNode scalar && !IsNull(node))
        {
            var value = scalar.Value ?? "";
            if (value == "manual")
            {
                return new ManualTrigger(at);
            }
            if (EventNamePattern().IsMatch(value))
            {
                return new EventTrigger(value, null, new Dictionary<string, Expression>(StringComparer.Ordinal), at);
            }
            Error(node, WorkflowErrorCodes.InvalidValue,
                $"starts-on '{value}' is neither 'manual' nor an event name (CamelCase, e.g. CommitmentRecorded){Suggestions.DidYouMean(value, ["manual"])}");
            return new ManualTrigger(at);
        }
        if (node is not YamlMappingNode mapping)
        {
            Error(node, WorkflowErrorCodes.WrongType,
                $"starts-on is 'manual', an event name, {{ event: …, where: …, inputs: … }} or {{ schedule: \"<cron>\" }}, not {Describe(node)}");
            return new ManualTrigger(at);
        }

        var hasSchedule = mapping.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "schedule");
        var hasEvent = mapping.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "event");
        if (hasSchedule && !hasEvent)
        {
            var scheduleKeys = Keys(mapping, WorkflowFormat.ScheduleTriggerKeys, "starts-on (a schedule)");
            var cron = RequiredText(mapping, scheduleKeys, "schedule", "starts-on");
            var trigger = new ScheduleTrigger(cron ?? "", at);
            if (cron is not null)
            {
                _map.Record(trigger, "cron", Span(scheduleKeys["schedule"].Value));
            }
            return trigger;
        }

        var keys = Keys(mapping, WorkflowFormat.EventTriggerKeys, "starts-on (an event)");
        var eventName = RequiredText(mapping, keys, "event", "starts-on (an event, or a schedule)");
        var where = keys.TryGetValue("where", out var whereEntry) ? Expr(whereEntry.Value, "where") : null;
        List<(string Name, YamlNode Key)> inputKeys = [];
        var inputs = keys.TryGetValue("inputs", out var inputsEntry)
            ? ExpressionMap(inputsEntry.Value, "inputs", "input", out inputKeys)
            : new Dictionary<string, Expression>(StringComparer.Ordinal);
        var eventTrigger = new EventTrigger(eventName ?? "", where, inputs, at);
        foreach (var (name, keyNode) in inputKeys)
        {
            _map.Record(eventTrigger, $"inputs.{name}", Span(keyNode));
        }
        return eventTrigger;
    }

    // ---- the mapping helpers: keys, texts, numbers, expressions, lists ------------------------------------------

    /// <summary>
    /// The entries of a mapping by key; a key that is not in <paramref name="allowed"/> is reported (with the closest
    /// allowed key) and left out.
    /// </summary>
    private Dictionary<string, (YamlScalarNode Key, YamlNode Value)> Keys(YamlMappingNode mapping, IReadOnlyList<string> allowed, string where) =>
        Keys(Entries(mapping).ToList(), allowed, where);

    private Dictionary<string, (YamlScalarNode Key, YamlNode Value)> Keys(
        List<(string Name, YamlScalarNode Key, YamlNode Value)> entries, IReadOnlyList<string> allowed, string where)
    {
        var result = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (name, keyNode, valueNode) in entries)
        {
            if (allowed.Contains(name, StringComparer.Ordinal))
            {
                result[name] = (keyNode, valueNode);
                continue;
            }
            var suggestion = Suggestions.DidYouMean(name, allowed);
            Error(keyNode, WorkflowErrorCodes.UnknownKey,
                $"unknown key '{name}' in {where}{(suggestion.Length > 0 ? suggestion : $" (expected {string.Join(", ", allowed)})")}");
        }
        return result;
    }

    /// <summary>The entries of a mapping whose keys are plain text; other keys are reported and skipped.</summary>
    private IEnumerable<(string Name, YamlScalarNode Key, YamlNode Value)> Entries(YamlMappingNode mapping)
    {
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { Length: > 0 } name } scalar)
            {
                yield return (name, scalar, value);
            }
            else
            {
                Error(key, WorkflowErrorCodes.WrongType, $"a key is a name, not {Describe(key)}");
            }
        }
    }

    private string? RequiredText(YamlNode owner, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, string key, string what)
    {
        if (!keys.TryGetValue(key, out var entry))
        {
            Error(owner, WorkflowErrorCodes.MissingKey, $"{what} needs '{key}'");
            return null;
        }
        if (IsNull(entry.Value))
        {
            Error(entry.Key, WorkflowErrorCodes.MissingKey, $"'{key}' has no value");
            return null;
        }
        return Text(entry.Value, key);
    }

    /// <summary>A scalar's text; null for a YAML null; a list or mapping is reported.</summary>
    private string? Text(YamlNode node, string what)
    {
        if (IsNull(node))
        {
            return null;
        }
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }
        Error(node, WorkflowErrorCodes.WrongType, $"{what} is text, not {Describe(node)}");
        return null;
    }

    private int? Integer(YamlNode node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            if (IsNull(node))
            {
                Error(node, WorkflowErrorCodes.MissingKey, $"{what} has no value");
            }
            return null;
        }
        if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Error(node, WorkflowErrorCodes.WrongType, $"{what} is a whole number, not '{text}'");
        return null;
    }

    private double? Number(YamlNode node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return value;
        }
        Error(node, WorkflowErrorCodes.WrongType, $"{what} is a number, not '{text}'");
        return null;
    }

    /// <summary>
    /// A JavaScript expression: any scalar (quoted or not, folded or literal). Its span is the value's start; the
    /// source map records where each of its characters is, for errors inside it.
    /// </summary>
    private Expression? Expr(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar)
        {
            if (scalar.Style is ScalarStyle.Plain && scalar.Value is "" or "~" or null)
            {
                return null;
            }
            var value = scalar.Value ?? "";
            var expression = new Expression(value, Span(node));
            var isBlock = scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded;
            _map.Record(expression, ExpressionText.Align(_source, value, (int)node.Start.Index, (int)node.End.Index, isBlock));
            return expression;
        }
        Error(node, WorkflowErrorCodes.WrongType, $"{what} is an expression (JavaScript, written as text), not {Describe(node)}");
        return null;
    }

    private Expression? RequiredExpr(YamlNode owner, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, string key, string what)
    {
        if (!keys.TryGetValue(key, out var entry))
        {
            Error(owner, WorkflowErrorCodes.MissingKey, $"{what} needs '{key}'");
            return null;
        }
        var expression = Expr(entry.Value, key);
        if (expression is null && entry.Value is YamlScalarNode)
        {
            Error(entry.Key, WorkflowErrorCodes.MissingKey, $"'{key}' has no value");
        }
        return expression;
    }

    private YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }
        if (IsNull(node))
        {
            return new YamlMappingNode();
        }
        Error(node, WorkflowErrorCodes.WrongType, $"{what} is a mapping (name: value), not {Describe(node)}");
        return null;
    }

    private Dictionary<string, Expression> ExpressionMap(YamlNode node, string what, string entryName) =>
        ExpressionMap(node, what, entryName, out _);

    private Dictionary<string, Expression> ExpressionMap(YamlNode node, string what, string entryName, out List<(string Name, YamlNode Key)> keys)
    {
        var result = new Dictionary<string, Expression>(StringComparer.Ordinal);
        keys = [];
        if (Mapping(node, what) is not { } mapping)
        {
            return result;
        }
        foreach (var (name, keyNode, valueNode) in Entries(mapping))
        {
            keys.Add((name, keyNode));
            if (Expr(valueNode, $"the {entryName} '{name}'") is { } expression)
            {
                result[name] = expression;
            }
            else if (valueNode is YamlScalarNode)
            {
                Error(keyNode, WorkflowErrorCodes.MissingKey, $"the {entryName} '{name}' has no value (write null for nothing)");
            }
        }
        return result;
    }

    /// <summary>A list of texts (step ids, input names); a single text or a list of anything else is reported.</summary>
    private List<(string Text, YamlNode Node)>? TextList(YamlNode node, string what)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, WorkflowErrorCodes.WrongType, $"{what} is a list ([a, b]), not {Describe(node)}");
            return null;
        }
        var result = new List<(string, YamlNode)>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode && !IsNull(item))
            {
                result.Add((((YamlScalarNode)item).Value ?? "", item));
            }
            else
            {
                Error(item, WorkflowErrorCodes.WrongType, $"an entry of {what} is a name, not {Describe(item)}");
            }
        }
        return result;
    }

    // ---- positions and errors ------------------------------------------------------------------------------------

    private SourceSpan Span(YamlNode node) => Span(node.Start);

    private SourceSpan Span(Mark mark) => new(_source.File, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private void Error(YamlNode node, string code, string message) => Error(Span(node), code, message);

    private void Error(SourceSpan at, string code, string message) => _errors.Add(new WorkflowError(at, code, message));

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode scalar => $"the text '{scalar.Value}'",
        _ => "that",
    };

    private static string Sentence(string message)
    {
        var trimmed = message.Trim().TrimEnd('.');
        return trimmed.Length == 0 ? "the YAML is malformed" : char.ToLowerInvariant(trimmed[0]) + trimmed[1..];
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex WorkflowIdPattern();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z][A-Za-z0-9]*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex EventNamePattern();
}
