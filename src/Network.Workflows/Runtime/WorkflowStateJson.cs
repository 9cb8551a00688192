using System.Text.Json;
using System.Text.Json.Serialization;

namespace Network.Workflows.Runtime;

/// <summary>
/// The one way instance states are written for storage: System.Text.Json with web defaults (camelCase), like the
/// rest of the stored state. The state needs nothing special (enums carry their own string converters, data is
/// JSON nodes), so any <see cref="JsonSerializerOptions"/> round-trip it; these are the ones a grain should use.
/// </summary>
public static class WorkflowStateJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(WorkflowInstanceState state) => JsonSerializer.Serialize(state, Options);

    public static WorkflowInstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<WorkflowInstanceState>(json, Options) ?? throw new JsonException("the stored workflow state is null");

    /// <summary>
    /// The lines one write moves to the host's journal table, as one JSON array of the shape they had inside the state,
    /// without the fields a line leaves empty (most leave three or four of its seven texts null).
    /// </summary>
    public static string SerializeJournalLines(IReadOnlyList<JournalEntry> lines) => JsonSerializer.Serialize(lines, JournalLineOptions);

    /// <summary>
    /// The lines of one row of the journal table: a JSON array (<see cref="SerializeJournalLines"/>), or one line as
    /// a JSON object, as the table held them before a write's lines shared a row.
    /// </summary>
    public static IReadOnlyList<JournalEntry> DeserializeJournalLines(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.AsSpan().TrimStart() is ['[', ..]
            ? JsonSerializer.Deserialize<List<JournalEntry>>(json, Options) is { } lines && !lines.Contains(null!)
                ? lines
                : throw new JsonException("a stored row of journal lines is null or holds a null line")
            : [JsonSerializer.Deserialize<JournalEntry>(json, Options) ?? throw new JsonException("a stored journal line is null")];
    }

    /// <summary>
    /// <see cref="Options"/> leaving null fields out: for journal lines only, whose fields are all null by default (a
    /// field left out reads back as null). Not for the state, where a field left out would read back as its
    /// initial value, which is not always null.
    /// </summary>
    private static JsonSerializerOptions JournalLineOptions { get; } = CreateOptions(JsonIgnoreCondition.WhenWritingNull);

    private static JsonSerializerOptions CreateOptions(JsonIgnoreCondition ignore = JsonIgnoreCondition.Never)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = ignore };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
