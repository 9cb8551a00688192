using System.Text.Json;
using System.Text.Json.Serialization;

namespace Network.Workflows.Runtime;

/// <summary>Enums as camelCase strings (<c>"waiting"</c>, <c>"incident"</c>), as the rest of the stored state writes them; read case-insensitively.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
