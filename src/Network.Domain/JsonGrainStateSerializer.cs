using System.Text.Json;
using Orleans.Storage;

namespace Network.Domain;

/// <summary>
/// Grain state as UTF-8 JSON with <see cref="StoredStateJson"/>'s options (System.Text.Json, web defaults: camelCase
/// names, enums as strings), so a row in the grain state table is something an operator can read. Polymorphic state
/// uses System.Text.Json's own <c>[JsonPolymorphic]</c>/<c>[JsonDerivedType]</c> metadata; the database keeps the
/// text as written, so the <c>$type</c> discriminator stays first. Every storage provider of the host uses it, and
/// so do the grain tests' in-memory storage, so tests store state exactly as production does.
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    private readonly JsonSerializerOptions _options;

    public JsonGrainStateSerializer()
        : this(StoredStateJson.Options)
    {
    }

    public JsonGrainStateSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MakeReadOnly(populateMissingResolver: true);
        _options = options;
    }

    /// <summary>The options the serializer uses.</summary>
    public JsonSerializerOptions Options => _options;

    public BinaryData Serialize<T>(T? input) =>
        new(JsonSerializer.SerializeToUtf8Bytes(input, _options));

    /// <summary>The state as JSON text, for a store that keeps text (no UTF-8 bytes made on the way).</summary>
    public string SerializeToText<T>(T? input) => JsonSerializer.Serialize(input, _options);

    /// <summary>State from JSON text, as <see cref="SerializeToText"/> wrote it.</summary>
    public T? DeserializeText<T>(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input, _options);
    }

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, _options);
    }
}
