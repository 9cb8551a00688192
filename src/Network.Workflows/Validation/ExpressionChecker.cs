using Acornima;
using Acornima.Ast;
using Network.Workflows.Definitions;
using Network.Workflows.Loading;
using Expression = Network.Workflows.Definitions.Expression;

namespace Network.Workflows.Validation;

/// <summary>
/// Parses each expression as one JavaScript expression (Acornima, the parser Jint runs on) and reports a syntax
/// error at its place in the file; then checks that <c>settings.x</c> and <c>input.x</c> name declared values.
/// </summary>
internal sealed class ExpressionChecker
{
    private readonly Parser _parser = new();
    private readonly WorkflowDefinition _definition;
    private readonly WorkflowSourceMap _map;
    private readonly List<WorkflowError> _errors;

    public ExpressionChecker(WorkflowDefinition definition, WorkflowSourceMap map, List<WorkflowError> errors)
    {
        _definition = definition;
        _map = map;
        _errors = errors;
    }

    /// <summary>Checks an expression; returns its syntax tree, or null when it does not parse (the error is reported).</summary>
    public Node? Check(Expression expression, string what)
    {
        Node tree;
        try
        {
            tree = _parser.ParseExpression(expression.Source);
        }
        catch (ParseErrorException e)
        {
            var offset = e.Error.IsIndexDefined ? e.Error.Index : OffsetOf(expression.Source, e.LineNumber, e.Column);
            _errors.Add(new WorkflowError(_map.Locate(expression, offset), WorkflowErrorCodes.ExpressionSyntax,
                $"{what} is not a valid JavaScript expression: {Lower(e.Error.Description)} in `{Shorten(expression.Source)}`{Hint(expression.Source)}"));
            return null;
        }
        CheckReferences(expression, tree);
        return tree;
    }

    private void CheckReferences(Expression expression, Node tree)
    {
        var pending = new Stack<Node>();
        pending.Push(tree);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is MemberExpression { Object: Identifier { Name: "settings" or "input" } root } member && PropertyName(member) is { } name)
            {
                CheckReference(expression, root.Name, name, member.Property.Start);
            }
            foreach (var child in node.ChildNodes)
            {
                if (child is not null)
                {
                    pending.Push(child);
                }
            }
        }
    }

    private void CheckReference(Expression expression, string root, string name, int offset)
    {
        if (root == "settings" && !_definition.Settings.ContainsKey(name))
        {
            var declared = _definition.Settings.Keys;
            _errors.Add(new WorkflowError(_map.Locate(expression, offset), WorkflowErrorCodes.UndeclaredSetting,
                $"settings.{name} is not declared under settings{Suggestion(name, declared)}"));
        }
        else if (root == "input" && !_definition.Inputs.Contains(name, StringComparer.Ordinal))
        {
            _errors.Add(new WorkflowError(_map.Locate(expression, offset), WorkflowErrorCodes.UndeclaredInput,
                $"input.{name} is not listed in inputs{Suggestion(name, _definition.Inputs)}"));
        }
    }

    private static string? PropertyName(MemberExpression member) => member switch
    {
        { Computed: false, Property: Identifier identifier } => identifier.Name,
        { Computed: true, Property: StringLiteral literal } => literal.Value,
        _ => null,
    };

    private static string Suggestion(string name, IEnumerable<string> declared)
    {
        var list = declared.ToList();
        var suggestion = Suggestions.DidYouMean(name, list);
        return suggestion.Length > 0 ? suggestion : list.Count == 0 ? " (none are declared)" : $" (declared: {string.Join(", ", list)})";
    }

    private static int OffsetOf(string source, int line, int column)
    {
        var offset = 0;
        for (var l = 1; l < line && offset < source.Length; l++)
        {
            var lineBreak = source.IndexOf('\n', offset);
            if (lineBreak < 0)
            {
                break;
            }
            offset = lineBreak + 1;
        }
        return Math.Min(offset + Math.Max(0, column), source.Length);
    }

    // Words with no quotes around them are the usual mistake: message: Your commitment has stalled.
    private static string Hint(string source) =>
        source.Contains(' ', StringComparison.Ordinal) && source.IndexOfAny(['\'', '"', '`']) < 0
            ? " (expressions are JavaScript: write text as a string, e.g. \"'Your commitment has stalled'\")"
            : "";

    private static string Shorten(string source)
    {
        var oneLine = string.Join(' ', source.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return oneLine.Length <= 60 ? oneLine : string.Concat(oneLine.AsSpan(0, 57), "...");
    }

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
