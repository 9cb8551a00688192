using System.Runtime.CompilerServices;
using Network.Workflows.Definitions;

namespace Network.Workflows.Loading;

/// <summary>
/// What the loader remembers of a file beyond the model, so the validator can point at the exact value it means:
/// the position of each keyed value (a step's <c>then</c>, a branch of a <c>parallel</c>, a setting, …), where
/// each character of an expression is in the file (for an error inside a folded or quoted expression), and the ids
/// of steps that could not be built (so transitions to them are not reported a second time as dangling).
/// </summary>
public sealed class WorkflowSourceMap
{
    private readonly Dictionary<(object Owner, string Key), SourceSpan> _spans = new(OwnerKeyComparer.Instance);
    private readonly Dictionary<Expression, ExpressionText> _expressions = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _unbuiltStepIds = new(StringComparer.Ordinal);

    /// <summary>An empty map: every lookup falls back to the model's own spans.</summary>
    public static WorkflowSourceMap Empty { get; } = new();

    /// <summary>Ids of steps that had errors and were left out of the definition.</summary>
    public IReadOnlySet<string> UnbuiltStepIds => _unbuiltStepIds;

    /// <summary>
    /// Where the value under <paramref name="key"/> of <paramref name="owner"/> (a step, the definition, a trigger) is.
    /// Keys: <c>id</c>, <c>then</c>, <c>else</c>, <c>default</c>, <c>join</c>, <c>max</c>, <c>timer.cron</c>,
    /// <c>timeout.then</c>, <c>do[i]</c>, <c>parallel[i]</c>, <c>switch[i].then</c>, <c>loop</c>, <c>settings.name</c>,
    /// <c>inputs.name</c>, <c>cron</c>.
    /// </summary>
    public SourceSpan? SpanOf(object owner, string key) => _spans.TryGetValue((owner, key), out var span) ? span : null;

    /// <summary>
    /// Where character <paramref name="offset"/> of <paramref name="expression"/>'s source is in the file. Without a
    /// record of the expression (built in code, not loaded), counts from its span as if it were on one line.
    /// </summary>
    public SourceSpan Locate(Expression expression, int offset)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return _expressions.TryGetValue(expression, out var text)
            ? text.Locate(offset)
            : Approximate(expression, offset);
    }

    internal void Record(object owner, string key, SourceSpan span) => _spans[(owner, key)] = span;

    internal void Record(Expression expression, ExpressionText text) => _expressions[expression] = text;

    internal void RecordUnbuilt(string stepId) => _unbuiltStepIds.Add(stepId);

    private static SourceSpan Approximate(Expression expression, int offset)
    {
        var source = expression.Source;
        offset = Math.Clamp(offset, 0, source.Length);
        var line = expression.At.Line;
        var column = expression.At.Column;
        for (var i = 0; i < offset; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return expression.At with { Line = line, Column = column };
    }

    private sealed class OwnerKeyComparer : IEqualityComparer<(object Owner, string Key)>
    {
        public static OwnerKeyComparer Instance { get; } = new();

        public bool Equals((object Owner, string Key) x, (object Owner, string Key) y) =>
            ReferenceEquals(x.Owner, y.Owner) && string.Equals(x.Key, y.Key, StringComparison.Ordinal);

        public int GetHashCode((object Owner, string Key) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Owner), StringComparer.Ordinal.GetHashCode(obj.Key));
    }
}

/// <summary>
/// Where each character of a scalar's value is in the file. A YAML value is not a slice of the file: quotes,
/// escapes, folded line breaks and block indentation are gone. The value is aligned with the file text between the
/// node's start and end, character by character (a space may stand for a line break and indentation; anything in
/// the file with no counterpart in the value, such as a quote or a backslash, is skipped).
/// </summary>
internal sealed class ExpressionText
{
    private readonly SourceText _file;
    private readonly int[] _indexes;

    private ExpressionText(SourceText file, int[] indexes)
    {
        _file = file;
        _indexes = indexes;
    }

    public SourceSpan Locate(int offset) => _file.SpanAt(_indexes[Math.Clamp(offset, 0, _indexes.Length - 1)]);

    public static ExpressionText Align(SourceText file, string value, int start, int end, bool isBlock)
    {
        var text = file.Text;
        end = Math.Clamp(end, start, text.Length);
        var j = Math.Clamp(start, 0, text.Length);
        if (isBlock)
        {
            // A block scalar's value starts on the line after its header (| or >, indicators, a comment).
            var lineBreak = text.IndexOf('\n', j, end - j);
            j = lineBreak < 0 ? j : lineBreak + 1;
        }
        var indexes = new int[value.Length + 1];
        for (var i = 0; i < value.Length; i++)
        {
            var found = -1;
            for (var k = j; k < end; k++)
            {
                if (Matches(value[i], text[k]))
                {
                    found = k;
                    break;
                }
            }
            if (found < 0)
            {
                // No counterpart (an escape such as \n): keep the last position and go on.
                indexes[i] = Math.Min(j, text.Length);
                continue;
            }
            indexes[i] = found;
            j = found + 1;
        }
        indexes[value.Length] = value.Length == 0 ? Math.Min(j, text.Length) : Math.Min(indexes[value.Length - 1] + 1, text.Length);
        return new ExpressionText(file, indexes);
    }

    private static bool Matches(char inValue, char inFile) =>
        inValue == inFile || (IsSpace(inValue) && IsSpace(inFile));

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';
}

/// <summary>A file's text with its line starts, to turn a character index into a 1-based line and column.</summary>
internal sealed class SourceText
{
    private readonly List<int> _lineStarts = [0];

    public SourceText(string file, string text)
    {
        File = file;
        Text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public string File { get; }

    public string Text { get; }

    public SourceSpan SpanAt(int index)
    {
        index = Math.Clamp(index, 0, Text.Length);
        var line = _lineStarts.BinarySearch(index);
        if (line < 0)
        {
            line = ~line - 1;
        }
        return new SourceSpan(File, line + 1, index - _lineStarts[line] + 1);
    }
}
