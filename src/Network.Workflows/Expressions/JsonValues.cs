using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Network.Workflows.Expressions;

/// <summary>Conversions of the JSON data instances keep (inputs, variables, event data) to plain .NET values.</summary>
public static class JsonValues
{
    /// <summary>
    /// <see langword="null"/>, <see cref="bool"/>, <see cref="long"/> (a whole number) or <see cref="double"/>,
    /// <see cref="string"/>, <c>List&lt;object?&gt;</c> or <c>Dictionary&lt;string, object?&gt;</c>.
    /// </summary>
    public static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value), StringComparer.Ordinal),
        JsonArray array => array.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => ToDouble(value) is var d && d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (object)(long)d : d,
            _ => null,
        },
        _ => null,
    };

    /// <summary>A JSON number as a double, whatever .NET type it was created from.</summary>
    public static double ToDouble(JsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }
        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }
        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }
        if (value.TryGetValue<decimal>(out var m))
        {
            return (double)m;
        }
        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The text a correlation index keys a value by: a string as it is, a whole number without decimals, a boolean
    /// as <c>true</c>/<c>false</c>, anything else as JSON. JavaScript's <c>==</c> treats <c>1</c> and <c>"1"</c> as
    /// equal, and so does this key. Null for JSON null or a missing value.
    /// </summary>
    public static string? CorrelationKey(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => ToDouble(value).ToString("R", CultureInfo.InvariantCulture),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        },
        _ => node.ToJsonString(),
    };
}
