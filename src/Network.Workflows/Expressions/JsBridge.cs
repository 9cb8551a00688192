using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;

namespace Network.Workflows.Expressions;

/// <summary>Builds JavaScript values from the instance's JSON data (trusted: no user code runs here).</summary>
internal static partial class JsBridge
{
    private const int MaxDepth = 64;

    public static JsValue ToJs(Engine engine, JsonNode? node, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new ExpressionException("the data is nested too deep to give to an expression");
        }
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
                var result = new JsObject(engine);
                foreach (var (key, value) in obj)
                {
                    result.Set(key, ToJs(engine, value, depth + 1));
                }
                return result;
            case JsonArray array:
                var items = new JsValue[array.Count];
                for (var i = 0; i < array.Count; i++)
                {
                    items[i] = ToJs(engine, array[i], depth + 1);
                }
                return new JsArray(engine, items);
            case JsonValue value:
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => new JsString(value.GetValue<string>()),
                    JsonValueKind.Number => new JsNumber(JsonValues.ToDouble(value)),
                    JsonValueKind.True => JsBoolean.True,
                    JsonValueKind.False => JsBoolean.False,
                    _ => JsValue.Null,
                };
            default:
                return JsValue.Null;
        }
    }

    /// <summary>Settings as an object: numbers and booleans written as text become numbers and booleans.</summary>
    public static JsValue Settings(Engine engine, IReadOnlyDictionary<string, string>? settings)
    {
        var result = new JsObject(engine);
        foreach (var (key, text) in settings ?? new Dictionary<string, string>())
        {
            result.Set(key, SettingValue(text));
        }
        return result;
    }

    internal static JsValue SettingValue(string? text)
    {
        if (text is null)
        {
            return JsValue.Null;
        }
        if (text is "true" or "false")
        {
            return text == "true" ? JsBoolean.True : JsBoolean.False;
        }
        if (PlainNumber().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new JsNumber(number);
        }
        return new JsString(text);
    }

    // Numbers as people write them: 30, -2, 2.5. Not "0123" (an id), not "1e5", not "P45D".
    [GeneratedRegex(@"^-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
