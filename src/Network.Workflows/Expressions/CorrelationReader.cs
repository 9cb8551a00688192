using System.Collections.Concurrent;
using Acornima;
using Acornima.Ast;

namespace Network.Workflows.Expressions;

/// <summary>
/// Reads the correlation a <c>where</c> states, so a host can index open waits instead of asking every instance:
/// each conjunct of the form <c>event.field == &lt;expression without event&gt;</c> (or <c>===</c>, either side)
/// at the top of a chain of <c>&amp;&amp;</c>. <c>event.commitmentId == input.commitmentId &amp;&amp; event.level &gt; 2</c>
/// gives one pair: <c>commitmentId</c> and <c>input.commitmentId</c>. The <c>where</c> itself stays the judge of
/// whether an event matches; this is only the index's key.
/// </summary>
public static class CorrelationReader
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<CorrelationTerm>> Cache = new(StringComparer.Ordinal);

    /// <summary>The <c>event.field == expression</c> terms of <paramref name="where"/>; empty when it states none or does not parse.</summary>
    public static IReadOnlyList<CorrelationTerm> Read(string where)
    {
        ArgumentNullException.ThrowIfNull(where);
        if (Cache.TryGetValue(where, out var cached))
        {
            return cached;
        }
        var terms = new List<CorrelationTerm>();
        try
        {
            Collect(new Parser().ParseExpression(where), where, terms);
        }
        catch (ParseErrorException)
        {
            terms.Clear();
        }
        if (Cache.Count > 4096)
        {
            Cache.Clear();
        }
        Cache[where] = terms;
        return terms;
    }

    private static void Collect(Node node, string source, List<CorrelationTerm> terms)
    {
        switch (node)
        {
            case LogicalExpression { Operator: Operator.LogicalAnd } and:
                Collect(and.Left, source, terms);
                Collect(and.Right, source, terms);
                break;
            case BinaryExpression { Operator: Operator.Equality or Operator.StrictEquality } equality:
                if (EventField(equality.Left) is { } left && !MentionsEvent(equality.Right))
                {
                    terms.Add(new CorrelationTerm(left, source[equality.Right.Start..equality.Right.End]));
                }
                else if (EventField(equality.Right) is { } right && !MentionsEvent(equality.Left))
                {
                    terms.Add(new CorrelationTerm(right, source[equality.Left.Start..equality.Left.End]));
                }
                break;
        }
    }

    private static string? EventField(Node node) => node is MemberExpression
    {
        Computed: false, Optional: false, Object: Identifier { Name: "event" }, Property: Identifier property,
    }
        ? property.Name
        : null;

    private static bool MentionsEvent(Node node) =>
        node is Identifier { Name: "event" } || node.ChildNodes.Any(MentionsEvent);
}

/// <summary>One correlation term: the event's field, and the expression (without <c>event</c>) it must equal.</summary>
public sealed record CorrelationTerm(string Field, string Expression);
