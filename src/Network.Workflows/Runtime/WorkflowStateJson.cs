using System.Text.Json;

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

    /// <summary>One journal line as the host's journal table keeps it: the shape it had inside the state.</summary>
    public static string SerializeJournalEntry(JournalEntry entry) => JsonSerializer.Serialize(entry, Options);

    public static JournalEntry DeserializeJournalEntry(string json) =>
        JsonSerializer.Deserialize<JournalEntry>(json, Options) ?? throw new JsonException("a stored journal line is null");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
