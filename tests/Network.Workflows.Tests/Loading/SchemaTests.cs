using System.Text.Json;
using Network.Workflows.Loading;

namespace Network.Workflows.Tests.Loading;

/// <summary>workflows/schema.json is what editors check files with; it must say what the loader accepts, no more, no less.</summary>
public sealed class SchemaTests
{
    /// <summary>workflows/schema.json as the tests read it (StepKindCoverageTests asks it for each step kind too).</summary>
    internal static readonly JsonElement Schema = LoadSchema();

    [Fact]
    public void The_schema_is_JSON_Schema_draft_2020_12_and_strict_at_the_top()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
        Assert.False(Schema.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(WorkflowFormat.DefinitionKeys.Order(StringComparer.Ordinal), PropertyNames(Schema));
    }

    [Fact]
    public void The_schema_names_every_activity_keyword_the_loader_knows()
    {
        var stepKinds = Definition("step").GetProperty("oneOf").EnumerateArray()
            .Select(s => s.GetProperty("$ref").GetString()!)
            .ToList();

        foreach (var keyword in WorkflowFormat.ActivityKeywords)
        {
            Assert.Contains($"#/$defs/{keyword}-step", stepKinds);
        }
        Assert.Equal(WorkflowFormat.ActivityKeywords.Count, stepKinds.Count);
    }

    [Fact]
    public void Each_kind_of_step_takes_exactly_the_keys_the_loader_takes()
    {
        foreach (var (keyword, keys) in WorkflowFormat.StepKeys)
        {
            var step = Definition($"{keyword}-step");
            Assert.False(step.GetProperty("additionalProperties").GetBoolean(), keyword);
            Assert.Equal(keys.Order(StringComparer.Ordinal), PropertyNames(step));
            Assert.Contains(keyword, step.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
            Assert.True(step.TryGetProperty("description", out _), keyword);
        }
    }

    [Fact]
    public void Nested_mappings_take_exactly_the_keys_the_loader_takes()
    {
        Assert.Equal(WorkflowFormat.RetryKeys.Order(StringComparer.Ordinal), PropertyNames(Definition("retry")));
        Assert.Equal(WorkflowFormat.EventTriggerKeys.Order(StringComparer.Ordinal), PropertyNames(Definition("event-trigger")));
        Assert.Equal(WorkflowFormat.ScheduleTriggerKeys.Order(StringComparer.Ordinal), PropertyNames(Definition("schedule-trigger")));
        var waitFor = Definition("wait-for-step").GetProperty("properties");
        Assert.Equal(WorkflowFormat.TimeoutKeys.Order(StringComparer.Ordinal), PropertyNames(waitFor.GetProperty("timeout")));
        Assert.Equal(WorkflowFormat.TimerKeys.Order(StringComparer.Ordinal), PropertyNames(Definition("timer-step").GetProperty("properties").GetProperty("timer")));
        var switchCase = Definition("switch-step").GetProperty("properties").GetProperty("switch").GetProperty("items");
        Assert.Equal(WorkflowFormat.SwitchCaseKeys.Order(StringComparer.Ordinal), PropertyNames(switchCase));
    }

    [Fact]
    public void Every_reference_in_the_schema_resolves()
    {
        foreach (var reference in References(Schema))
        {
            Assert.StartsWith("#/$defs/", reference, StringComparison.Ordinal);
            Assert.True(Schema.GetProperty("$defs").TryGetProperty(reference["#/$defs/".Length..], out _), reference);
        }
    }

    private static JsonElement Definition(string name) => Schema.GetProperty("$defs").GetProperty(name);

    private static IEnumerable<string> PropertyNames(JsonElement schema) =>
        schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    private static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject()
            .SelectMany(p => p.Name == "$ref" ? [p.Value.GetString()!] : References(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => [],
    };

    private static JsonElement LoadSchema()
    {
        // Fails with a JsonException when the file is not valid JSON.
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "schema.json")));
        return document.RootElement.Clone();
    }
}
