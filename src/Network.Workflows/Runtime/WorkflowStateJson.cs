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

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
