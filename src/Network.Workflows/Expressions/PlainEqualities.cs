using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;

namespace Network.Workflows.Expressions;

/// <summary>
/// Decides the commonest condition without starting a JavaScript engine: equalities (<c>==</c>, <c>===</c>) joined by
/// <c>&amp;&amp;</c>, each side a field path of <c>event</c>, <c>input</c> or <c>vars</c>
/// (<c>event.commitmentId == input.commitmentId</c>) or a literal string, number, boolean or <c>null</c>. That is the
/// shape of nearly every <c>where</c> of a <c>wait-for</c>, evaluated once per event delivered; an engine costs about
/// 8 µs and 13.5 KB of garbage each time (<see cref="ExpressionEvaluator"/> builds a fresh one per evaluation).
/// </summary>
/// <remarks>
/// It answers only where JavaScript's answer follows plainly from the JSON values: both sides strings, both numbers,
/// both booleans, or either side <c>null</c> or missing (<c>undefined</c>). For anything else it has no answer and the
/// engine decides, giving JavaScript's own result or error: an object or an array (compared by reference, or
/// converted), a string against a number (converted), a path through something that is not an object (a TypeError,
/// or a string's <c>length</c>), a name that JavaScript also finds on <c>Object.prototype</c> (<c>event.constructor</c>,
/// <c>event.__proto__</c>), a missing field of an object whose data has a <c>__proto__</c> (its prototype).
/// <c>&amp;&amp;</c> stops at the first false equality, as JavaScript does, so a later one that would have needed the
/// engine does not.
/// </remarks>
internal static class PlainEqualities
{
    private const int MaxCachedPlans = 4096;

    private static readonly ConcurrentDictionary<string, Equality[]?> Plans = new(StringComparer.Ordinal);

    /// <summary>Names JavaScript finds on every object through <c>Object.prototype</c>, so they are not plainly the data's fields.</summary>
    private static readonly HashSet<string> InheritedNames = new(StringComparer.Ordinal)
    {
        "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "constructor",
        "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf",
    };

    /// <summary>
    /// Whether <paramref name="source"/> (already known to be valid syntax) is true in <paramref name="scope"/>, when
    /// that can be told from the JSON values alone; null when the engine must decide.
    /// </summary>
    public static bool? TryDecide(string source, ExpressionScope scope)
    {
        if (PlanOf(source) is not { } plan)
        {
            return null;
        }
        foreach (var equality in plan)
        {
            if (equality.Decide(scope) is not { } equal)
            {
                return null;
            }
            if (!equal)
            {
                return false;
            }
        }
        return true;
    }

    private static Equality[]? PlanOf(string source)
    {
        if (Plans.TryGetValue(source, out var cached))
        {
            return cached;
        }
        var equalities = new List<Equality>();
        Equality[]? plan;
        try
        {
            plan = Collect(new Parser().ParseExpression(source), equalities) ? [.. equalities] : null;
        }
        catch (ParseErrorException)
        {
            plan = null;
        }
        if (Plans.Count >= MaxCachedPlans)
        {
            Plans.Clear();
        }
        Plans[source] = plan;
        return plan;
    }

    private static bool Collect(Node node, List<Equality> equalities)
    {
        switch (node)
        {
            case LogicalExpression { Operator: Operator.LogicalAnd } and:
                return Collect(and.Left, equalities) && Collect(and.Right, equalities);
            case BinaryExpression { Operator: Operator.Equality or Operator.StrictEquality } equality
                when OperandOf(equality.Left) is { } left && OperandOf(equality.Right) is { } right:
                equalities.Add(new Equality(left, right, equality.Operator == Operator.StrictEquality));
                return true;
            default:
                return false;
        }
    }

    private static Operand? OperandOf(Node node) => node switch
    {
        StringLiteral text => new Operand(null, [], Value.Of(text.Value)),
        NumericLiteral number => new Operand(null, [], Value.Of(number.Value)),
        BooleanLiteral boolean => new Operand(null, [], Value.Of(boolean.Value)),
        NullLiteral => new Operand(null, [], Value.Null),
        _ => PathOf(node),
    };

    /// <summary><c>event.a.b</c>: a root the scope binds and the names after it, each by a dot.</summary>
    private static Operand? PathOf(Node node)
    {
        var names = new List<string>();
        while (node is MemberExpression { Computed: false, Optional: false, Property: Identifier property } member)
        {
            names.Add(property.Name);
            node = member.Object;
        }
        // A name on Object.prototype reaches past the data (event.constructor), and data named __proto__ sets an
        // object's prototype rather than a field (event.__proto__ may be anything): the engine's to answer.
        if (names.Count == 0 || names.Exists(InheritedNames.Contains) || node is not Identifier { Name: "event" or "input" or "vars" } root)
        {
            return null;
        }
        names.Reverse();
        return new Operand(root.Name, [.. names], default);
    }

    private sealed record Equality(Operand Left, Operand Right, bool Strict)
    {
        public bool? Decide(ExpressionScope scope)
        {
            if (Left.ValueIn(scope) is not { } left || Right.ValueIn(scope) is not { } right)
            {
                return null;
            }
            if (left.IsNullish || right.IsNullish)
            {
                // null == undefined, but not ===; neither equals anything else either way.
                return Strict ? left.Kind == right.Kind : left.IsNullish && right.IsNullish;
            }
            if (left.Kind != right.Kind)
            {
                // === is false across types; == converts, which the engine does.
                return Strict ? false : null;
            }
            return left.Kind switch
            {
                Kind.String => string.Equals(left.Text, right.Text, StringComparison.Ordinal),
                // Exact, as JavaScript's; JSON has no NaN, and -0 == 0 in both.
                Kind.Number => left.Number == right.Number,
                _ => left.Boolean == right.Boolean,
            };
        }
    }

    /// <summary>A literal (<see cref="Root"/> null), or a path from a root the scope binds.</summary>
    private sealed record Operand(string? Root, string[] Names, Value Literal)
    {
        /// <summary>The operand's value, or null when JavaScript's would not be a plain one (see the remarks above).</summary>
        public Value? ValueIn(ExpressionScope scope)
        {
            if (Root is null)
            {
                return Literal;
            }
            JsonNode? current = Root switch
            {
                "event" => scope.Event,
                "input" => scope.Input,
                _ => scope.Vars,
            };
            for (var i = 0; i < Names.Length; i++)
            {
                if (current is not JsonObject fields)
                {
                    // null, a string, a number or an array: a TypeError, or a property of its own (a string's length).
                    return null;
                }
                if (!fields.TryGetPropertyValue(Names[i], out current))
                {
                    // undefined, unless the object's prototype was set from its data, or the path goes on past it (a TypeError).
                    return fields.ContainsKey("__proto__") || i < Names.Length - 1
                        ? null
                        : Value.Undefined;
                }
            }
            return current switch
            {
                null => Value.Null,
                JsonValue value => value.GetValueKind() switch
                {
                    JsonValueKind.String => Value.Of(value.GetValue<string>()),
                    JsonValueKind.Number => Value.Of(JsonValues.ToDouble(value)),
                    JsonValueKind.True => Value.Of(true),
                    JsonValueKind.False => Value.Of(false),
                    JsonValueKind.Null => Value.Null,
                    _ => null,
                },
                _ => null,
            };
        }
    }

    private enum Kind
    {
        Undefined,
        Null,
        String,
        Number,
        Boolean,
    }

    private readonly record struct Value(Kind Kind, string? Text, double Number, bool Boolean)
    {
        public static Value Undefined => new(Kind.Undefined, null, 0, false);

        public static Value Null => new(Kind.Null, null, 0, false);

        public bool IsNullish => Kind is Kind.Undefined or Kind.Null;

        public static Value Of(string text) => new(Kind.String, text, 0, false);

        public static Value Of(double number) => new(Kind.Number, null, number, false);

        public static Value Of(bool boolean) => new(Kind.Boolean, null, 0, boolean);
    }
}
