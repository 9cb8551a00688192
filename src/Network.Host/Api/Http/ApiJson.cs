using System.Text.Json;
using System.Text.Json.Serialization;

namespace Network.Host.Api.Http;

/// <summary>How the API reads and writes JSON: camelCase, strict about what it accepts.</summary>
public static class ApiJson
{
    /// <summary>
    /// Request bodies are read strictly: an unknown field or a missing required one is an error, not silently
    /// dropped, so a typo in a field name never turns into a default value.
    /// </summary>
    public static JsonSerializerOptions Strict { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }
}
