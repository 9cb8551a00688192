using System.Text.Json;
using System.Text.Json.Serialization;

namespace Network.Domain;

/// <summary>
/// How grain state is written to the database: System.Text.Json with web defaults (camelCase) and enums as
/// camelCase strings, so an operator can read a row. The host's grain storage serializer and the read-model
/// rebuild both use these options, so what one writes the other reads.
/// </summary>
public static class StoredStateJson
{
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    public static JsonSerializerOptions Options { get; } = Frozen();

    private static JsonSerializerOptions Frozen()
    {
        var options = CreateOptions();
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
