using System.Text.Json;
using System.Text.Json.Nodes;

namespace Network.Workflows.Runtime;

/// <summary>
/// Where the values of a parsed JSON tree keep their data. System.Text.Json parses a tree lazily: each value points
/// into a copy of the whole text it was read from (a <see cref="JsonDocument"/> of about 200 bytes for a small object),
/// and that copy lives as long as any value does. A state held in memory for months needs none of it.
/// </summary>
public static class JsonValueStorage
{
    /// <summary>
    /// Gives each text and true/false value in <paramref name="node"/> (at any depth) storage of its own, in place,
    /// so the document it was parsed from can go. The tree means the same and is written as the same JSON.
    /// Numbers stay as parsed: a number keeps its exact text that way (1.50 stays 1.50), and reading it as any numeric
    /// type keeps working.
    /// </summary>
    public static void Detach(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                List<(string Key, JsonNode Value)>? replaced = null;
                foreach (var (key, child) in obj)
                {
                    if (Detached(child) is { } own)
                    {
                        (replaced ??= []).Add((key, own));
                    }
                    else
                    {
                        Detach(child);
                    }
                }
                foreach (var (key, own) in replaced ?? [])
                {
                    obj[key] = own;
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Detached(array[i]) is { } own)
                    {
                        array[i] = own;
                    }
                    else
                    {
                        Detach(array[i]);
                    }
                }
                break;
        }
    }

    /// <summary>A value of its own for a parsed text or true/false value; null for anything else.</summary>
    private static JsonValue? Detached(JsonNode? node)
    {
        if (node is not JsonValue value || !value.TryGetValue<JsonElement>(out var element))
        {
            return null;
        }
        return element.ValueKind switch
        {
            JsonValueKind.String => JsonValue.Create(element.GetString()!),
            JsonValueKind.True => JsonValue.Create(true),
            JsonValueKind.False => JsonValue.Create(false),
            _ => null,
        };
    }
}
