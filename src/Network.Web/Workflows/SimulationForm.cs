using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Network.Contracts.Workflows;

namespace Network.Web.Workflows;

/// <summary>One scripted event of a simulation: its type, the day (from the start) it comes, and its data as JSON.</summary>
public sealed class ScriptedEvent
{
    public string Type { get; set; } = "";

    public int Day { get; set; }

    public string DataJson { get; set; } = "";
}

/// <summary>A setting's value for this simulation only (e.g. <c>stallAfter</c> = <c>P30D</c>).</summary>
public sealed class SettingOverride
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";
}

/// <summary>
/// The designer's Simulate form: start date, days to run, the instance's inputs, scripted events and setting
/// overrides. <see cref="ToRequest"/> checks it and says what is wrong and where before anything is sent.
/// </summary>
public sealed class SimulationForm
{
    public DateTime? StartDate { get; set; } = DateTime.UtcNow.Date;

    public int Days { get; set; } = 90;

    public string InputsJson { get; set; } = "{}";

    public List<ScriptedEvent> Events { get; } = [];

    public List<SettingOverride> Settings { get; } = [];

    /// <summary>
    /// Sample inputs for a definition's declared inputs, so a first simulation runs: names ending in "At" get dates
    /// (half a year and a year after the start), the others a sample text. The coordinator edits them.
    /// </summary>
    public void SuggestInputs(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var start = new DateTimeOffset(DateTime.SpecifyKind(StartDate ?? DateTime.UtcNow.Date, DateTimeKind.Utc));
        var sample = new JsonObject();
        var dates = 0;
        foreach (var name in inputs)
        {
            sample[name] = name.EndsWith("At", StringComparison.Ordinal)
                ? start.AddDays(182 * ++dates).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                : "sample-" + name;
        }
        InputsJson = sample.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The request to send, or null with every problem (field and message).</summary>
    public SimulationRequest? ToRequest(out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        if (StartDate is null)
        {
            found.Add("start date: give the day the simulation starts");
        }
        if (Days is < 1 or > 3660)
        {
            found.Add("days: between 1 and 3660");
        }
        var inputs = ParseObject(InputsJson, "inputs", found);
        var events = new List<SimulatedEventRequest>();
        var start = new DateTimeOffset(DateTime.SpecifyKind(StartDate ?? DateTime.UtcNow.Date, DateTimeKind.Utc));
        for (var i = 0; i < Events.Count; i++)
        {
            var scripted = Events[i];
            var where = string.Create(CultureInfo.InvariantCulture, $"event {i + 1}");
            if (string.IsNullOrWhiteSpace(scripted.Type))
            {
                found.Add($"{where}: give its type (e.g. ProgressReported, or task:<step-id> to complete a task)");
            }
            if (scripted.Day < 0 || scripted.Day > Days)
            {
                found.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: its day must be between 0 and {Days}"));
            }
            var data = ParseObject(scripted.DataJson, where + " data", found);
            events.Add(new SimulatedEventRequest(start.AddDays(scripted.Day), scripted.Type.Trim(), data));
        }
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in Settings.Where(s => s.Name.Trim().Length > 0))
        {
            if (!settings.TryAdd(setting.Name.Trim(), setting.Value.Trim()))
            {
                found.Add($"setting {setting.Name.Trim()}: given twice");
            }
        }
        problems = found;
        return found.Count > 0 ? null : new SimulationRequest(start, start.AddDays(Days), inputs, settings, events);
    }

    private static JsonObject? ParseObject(string text, string where, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            if (JsonNode.Parse(text) is JsonObject value)
            {
                return value;
            }
            problems.Add($"{where}: must be a JSON object, like {{\"commitmentId\": \"c-1\"}}");
        }
        catch (JsonException e)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})"));
        }
        return null;
    }
}
