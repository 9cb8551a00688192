using System.Text.Json.Nodes;

namespace Network.Contracts.Tests;

/// <summary>
/// Compares a stored message schema with the current one: every stored message and field must still be there, with
/// the same JSON types or wider ones (e.g. gaining "null"), and what is required must stay exactly what was required.
/// </summary>
internal static class SchemaCompatibility
{
    public const string Rule = "a contract may only gain optional fields";

    /// <summary>One line per incompatibility, each naming the message and field; empty when compatible.</summary>
    public static IReadOnlyList<string> Problems(JsonObject stored, JsonObject current)
    {
        var problems = new List<string>();
        var currentDefs = Defs(current);
        foreach (var (message, node) in Defs(stored))
        {
            if (currentDefs[message] is not JsonObject currentDef)
            {
                problems.Add($"{message}: the message was removed; {Rule}");
                continue;
            }
            var storedDef = node!.AsObject();
            var storedFields = Properties(storedDef);
            var currentFields = Properties(currentDef);

            foreach (var (field, storedField) in storedFields)
            {
                if (currentFields[field] is not JsonObject currentField)
                    problems.Add($"{message}.{field}: the field was removed; {Rule}");
                else
                    CompareTypes($"{message}.{field}", storedField!.AsObject(), currentField, problems);
            }

            var storedRequired = Required(storedDef);
            var currentRequired = Required(currentDef);
            foreach (var field in currentRequired.Except(storedRequired))
            {
                problems.Add(storedFields.ContainsKey(field)
                    ? $"{message}.{field}: the field became required; {Rule}"
                    : $"{message}.{field}: a new field is required; {Rule}");
            }
            foreach (var field in storedRequired.Except(currentRequired).Where(currentFields.ContainsKey))
                problems.Add($"{message}.{field}: the field is no longer required, so a reader may miss it; {Rule}");
        }
        return problems;
    }

    private static void CompareTypes(string path, JsonObject stored, JsonObject current, List<string> problems)
    {
        // No "type" means any JSON value (e.g. a JsonElement); it is the widest there is.
        var storedTypes = Types(stored);
        var currentTypes = Types(current);
        if (currentTypes is not null && (storedTypes is null || !storedTypes.IsSubsetOf(currentTypes)))
        {
            problems.Add($"{path}: the type changed from {Show(storedTypes)} to {Show(currentTypes)} " +
                $"(a type may only widen, e.g. gain \"null\"); {Rule}");
        }

        var storedFormat = (string?)stored["format"];
        var currentFormat = (string?)current["format"];
        if (currentFormat is not null && !string.Equals(storedFormat, currentFormat, StringComparison.Ordinal))
            problems.Add($"{path}: the format changed from {storedFormat ?? "none"} to {currentFormat}; {Rule}");

        if (stored["items"] is JsonObject storedItems && current["items"] is JsonObject currentItems)
            CompareTypes(path + "[]", storedItems, currentItems, problems);
    }

    private static JsonObject Defs(JsonObject schema) =>
        schema["$defs"] as JsonObject ?? throw new InvalidOperationException("The schema has no \"$defs\" object.");

    private static JsonObject Properties(JsonObject def) => def["properties"] as JsonObject ?? [];

    private static HashSet<string> Required(JsonObject def) =>
        (def["required"] as JsonArray ?? []).Select(n => (string)n!).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string>? Types(JsonObject schema) => schema["type"] switch
    {
        null => null,
        JsonArray many => many.Select(n => (string)n!).ToHashSet(StringComparer.Ordinal),
        var one => new HashSet<string>(StringComparer.Ordinal) { (string)one! },
    };

    private static string Show(HashSet<string>? types) =>
        types is null ? "any" : "[" + string.Join(",", types.Order(StringComparer.Ordinal)) + "]";
}
