using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Storage;

namespace Network.Host.Storage;

/// <summary>
/// Grain state as UTF-8 JSON (System.Text.Json, web defaults: camelCase names, enums as strings), so a row in the
/// grain state table is something an operator can read. Polymorphic state uses System.Text.Json's own
/// <c>[JsonPolymorphic]</c>/<c>[JsonDerivedType]</c> metadata; the database keeps the text as written, so the
/// <c>$type</c> discriminator stays first.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private readonly JsonSerializerOptions _options;

    public JsonGrainStateSerializer()
        : this(CreateDefaultOptions())
    {
    }

    public JsonGrainStateSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MakeReadOnly(populateMissingResolver: true);
        _options = options;
    }

    /// <summary>The options the serializer uses: web defaults plus enums written as camelCase strings.</summary>
    public JsonSerializerOptions Options => _options;

    /// <summary>Web defaults (camelCase, case-insensitive reading) with enums as strings.</summary>
    public static JsonSerializerOptions CreateDefaultOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    public BinaryData Serialize<T>(T? input) =>
        new(JsonSerializer.SerializeToUtf8Bytes(input, _options));

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, _options);
    }
}
