using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Network.Workflows.Loading;
using DefinitionExpression = Network.Workflows.Definitions.Expression;

namespace Network.Workflows.Expressions;

/// <summary>
/// Evaluates the JavaScript expressions of definitions with Jint, in a sandbox:
/// <list type="bullet">
/// <item>a fresh engine for every evaluation (nothing one expression does is seen by the next; about 8 µs and 13.5 KB),
/// except for conditions made of equalities of plain JSON values, which <see cref="PlainEqualities"/> decides without one;</item>
/// <item>limits on time, memory, recursion and statements (<see cref="ExpressionLimits"/>), and on regular expressions;</item>
/// <item>no CLR access (interop stays off, nothing .NET is passed in), no <c>eval</c> or <c>new Function</c>, strict mode;</item>
/// <item>the clock is the instance's (<c>now</c>, <c>Date.now()</c>), in UTC, with the invariant culture.</item>
/// </list>
/// Results leave the sandbox as JSON (<c>JSON.stringify</c> runs inside it, under the same limits), so a result is
/// plain data: null, a boolean, a number, a string, an array or an object; a <c>Date</c> becomes its ISO 8601 string.
/// </summary>
public sealed partial class ExpressionEvaluator
{
    private const int MaxCachedScripts = 4096;

    private static readonly ConcurrentDictionary<(Mode, string), Prepared<Script>> Prepared = new();

    public ExpressionEvaluator(ExpressionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
    }

    public static ExpressionEvaluator Default { get; } = new(ExpressionLimits.Default);

    public ExpressionLimits Limits { get; }

    private enum Mode
    {
        Json,
        Truthy,
    }

    /// <summary>The value of the expression, as JSON (null for <c>undefined</c> and <c>null</c>).</summary>
    public JsonNode? Evaluate(DefinitionExpression expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Evaluate(expression.Source, scope);
    }

    /// <inheritdoc cref="Evaluate(DefinitionExpression, ExpressionScope)"/>
    public JsonNode? Evaluate(string source, ExpressionScope scope)
    {
        var json = Run(source, scope, Mode.Json);
        if (json.IsUndefined() || json.IsNull())
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json.AsString());
        }
        catch (JsonException e)
        {
            throw Failure(source, "its value cannot be read as JSON: " + e.Message, e);
        }
    }

    /// <summary>
    /// The value of the expression as plain .NET: <see langword="null"/>, <see cref="bool"/>, <see cref="long"/> (a
    /// whole number) or <see cref="double"/>, <see cref="string"/>, <c>List&lt;object?&gt;</c> or
    /// <c>Dictionary&lt;string, object?&gt;</c>.
    /// </summary>
    public object? EvaluatePlain(string source, ExpressionScope scope) => JsonValues.ToPlain(Evaluate(source, scope));

    /// <summary>Whether the expression's value is truthy in JavaScript's sense (a condition, a <c>where</c>).</summary>
    public bool IsTrue(DefinitionExpression expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return IsTrue(expression.Source, scope);
    }

    /// <inheritdoc cref="IsTrue(DefinitionExpression, ExpressionScope)"/>
    public bool IsTrue(string source, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        // The syntax first, as for every expression, so a bad one fails alike whichever way it would be decided.
        Prepare(source, Mode.Truthy);
        return PlainEqualities.TryDecide(source, scope) ?? IsTrueByEngine(source, scope);
    }

    /// <summary><see cref="IsTrue(string, ExpressionScope)"/> always in the engine: the judge the tests hold <see cref="PlainEqualities"/> to.</summary>
    internal bool IsTrueByEngine(string source, ExpressionScope scope) => Run(source, scope, Mode.Truthy).AsBoolean();

    /// <summary>The value as text for people (a message, a title): a string as it is, anything else as JSON, null as "".</summary>
    public string Text(DefinitionExpression expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Evaluate(expression.Source, scope) switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            var other => other.ToJsonString(),
        };
    }

    /// <summary>
    /// A duration: the source itself when it has the ISO 8601 shape (<c>P45D</c>; it must then parse), else the value
    /// of the expression, which must be such a string (<c>settings.stallAfter</c>) or a number of milliseconds.
    /// </summary>
    public IsoDuration Duration(DefinitionExpression expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Duration(expression.Source, scope);
    }

    /// <inheritdoc cref="Duration(DefinitionExpression, ExpressionScope)"/>
    public IsoDuration Duration(string source, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (IsoDuration.HasLiteralShape(source))
        {
            return IsoDuration.TryParse(source, out var literal, out var problem)
                ? literal
                : throw Failure(source, problem);
        }
        return Evaluate(source, scope) switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String =>
                IsoDuration.TryParse(value.GetValue<string>(), out var duration, out var problem)
                    ? duration
                    : throw Failure(source, $"gave '{value.GetValue<string>()}', not a duration: {problem}"),
            JsonValue value when value.GetValueKind() == JsonValueKind.Number && JsonValues.ToDouble(value) is >= 0 and var ms and < 1e15 =>
                new IsoDuration(0, 0, TimeSpan.FromMilliseconds(ms)),
            var other => throw Failure(source, $"gave {Describe(other)}, not an ISO 8601 duration (e.g. P45D) or a number of milliseconds"),
        };
    }

    /// <summary>
    /// A moment: the value of the expression, which must be an ISO 8601 date or date-time string (UTC unless it says
    /// otherwise), a <c>Date</c>, a number of milliseconds since 1970, or a duration (<c>P14D</c>: that long after now).
    /// </summary>
    public DateTimeOffset Moment(DefinitionExpression expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return Moment(expression.Source, scope);
    }

    /// <inheritdoc cref="Moment(DefinitionExpression, ExpressionScope)"/>
    public DateTimeOffset Moment(string source, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(scope);
        if (BareDate().IsMatch(source))
        {
            // JavaScript reads 2017-03-21 as a subtraction; the validator refuses it too.
            throw Failure(source, $"write a date as a string, e.g. '{source.Trim()}'");
        }
        if (IsoDuration.HasLiteralShape(source))
        {
            return Duration(source, scope).AddTo(scope.Now);
        }
        var value = Evaluate(source, scope);
        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            var s = text.GetValue<string>();
            if (IsoDuration.HasLiteralShape(s) && IsoDuration.TryParse(s, out var duration))
            {
                return duration.AddTo(scope.Now);
            }
            if (TryParseMoment(s, out var moment))
            {
                return moment;
            }
            throw Failure(source, $"gave '{s}', not an ISO 8601 date");
        }
        if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
        {
            var ms = JsonValues.ToDouble(number);
            if (ms is > -8.64e15 and < 8.64e15)
            {
                return DateTimeOffset.UnixEpoch.AddMilliseconds(ms);
            }
        }
        throw Failure(source, $"gave {Describe(value)}, not a date");
    }

    /// <summary>Parses an ISO 8601 date or date-time; without an offset, the moment is UTC.</summary>
    public static bool TryParseMoment(string? text, out DateTimeOffset moment) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out moment);

    /// <summary>How the instance's clock is shown to expressions: UTC, milliseconds, as JavaScript's toISOString.</summary>
    public static string FormatMoment(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Throws <see cref="ExpressionException"/> when <paramref name="source"/> is not one valid JavaScript expression.</summary>
    public static void CheckSyntax(string source) => Prepare(source, Mode.Json);

    private JsValue Run(string source, ExpressionScope scope, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(scope);
        var script = Prepare(source, mode);
        try
        {
            var engine = CreateEngine(scope.Now);
            engine.SetValue("input", JsBridge.ToJs(engine, scope.Input));
            engine.SetValue("vars", JsBridge.ToJs(engine, scope.Vars));
            engine.SetValue("event", JsBridge.ToJs(engine, scope.Event));
            engine.SetValue("settings", JsBridge.Settings(engine, scope.Settings));
            engine.SetValue("now", FormatMoment(scope.Now));
            return engine.Evaluate(script);
        }
        catch (Exception e) when (IsEvaluationFailure(e))
        {
            throw Failure(source, Explain(e), e);
        }
    }

    private Engine CreateEngine(DateTimeOffset now) => new(options =>
    {
        options.Strict = true;
        options.Interop.Enabled = false;
        options.Host.StringCompilationAllowed = false;
        options.Culture = CultureInfo.InvariantCulture;
        options.TimeZone = TimeZoneInfo.Utc;
        options.TimeSystem = new FixedTimeSystem(now);
        options.TimeoutInterval(Limits.Timeout);
        options.LimitMemory(Limits.MemoryBytes);
        options.LimitRecursion(Limits.Recursion);
        options.MaxStatements(Limits.Statements);
        options.Constraints.RegexTimeout = Limits.Timeout;
        options.Constraints.MaxArraySize = 1_000_000;
    });

    private static Prepared<Script> Prepare(string source, Mode mode)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Prepared.TryGetValue((mode, source), out var cached))
        {
            return cached;
        }
        if (string.IsNullOrWhiteSpace(source))
        {
            throw Failure(source, "the expression is empty");
        }
        try
        {
            // One expression, never statements: parse it as such first (a ';' or a statement is a syntax error).
            new Acornima.Parser().ParseExpression(source);
            // The newline lets a trailing // comment stand; the parentheses make {a: 1} an object, not a block.
            var wrapped = mode switch
            {
                Mode.Truthy => "!!(" + source + "\n)",
                _ => "JSON.stringify((" + source + "\n))",
            };
            var prepared = Engine.PrepareScript(wrapped, strict: true);
            if (Prepared.Count >= MaxCachedScripts)
            {
                Prepared.Clear();
            }
            Prepared[(mode, source)] = prepared;
            return prepared;
        }
        catch (Exception e) when (e is Acornima.ParseErrorException or ScriptPreparationException)
        {
            throw Failure(source, "syntax error: " + (e is ScriptPreparationException { InnerException: { } inner } ? inner.Message : e.Message), e);
        }
    }

    private static bool IsEvaluationFailure(Exception e) =>
        e is JintException or TimeoutException or RegexMatchTimeoutException or ArgumentException or InvalidOperationException
            or FormatException or OverflowException or IndexOutOfRangeException or NotSupportedException or InvalidCastException;

    private static string Explain(Exception e) => e switch
    {
        TimeoutException or RegexMatchTimeoutException => "took too long (time limit reached)",
        MemoryLimitExceededException => "used too much memory (memory limit reached)",
        RecursionDepthOverflowException => "called too deep (recursion limit reached)",
        StatementsCountOverflowException => "ran too many statements (statement limit reached)",
        _ => e.Message,
    };

    private static ExpressionException Failure(string? source, string problem, Exception? inner = null)
    {
        var message = $"expression `{Shorten(source)}`: {problem}";
        return inner is null
            ? new ExpressionException(message) { ExpressionSource = source }
            : new ExpressionException(message, inner) { ExpressionSource = source };
    }

    private static string Describe(JsonNode? value) => value is null ? "nothing" : Shorten(value.ToJsonString());

    private static string Shorten(string? text)
    {
        text = (text ?? "").ReplaceLineEndings(" ").Trim();
        return text.Length <= 120 ? text : text[..117] + "...";
    }

    // A date written bare: 2017-03-21 or 2017-03-21T00:00:00Z, which JavaScript reads as arithmetic or not at all.
    [GeneratedRegex(@"^\s*\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex BareDate();

    /// <summary>Jint's clock, pinned to the instance's moment.</summary>
    private sealed class FixedTimeSystem(DateTimeOffset now) : DefaultTimeSystem(TimeZoneInfo.Utc, CultureInfo.InvariantCulture)
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
