using System.Text.Json.Serialization;

namespace Network.Workflows.Runtime;

[JsonConverter(typeof(CamelCaseEnumConverter<ScopeKind>))]
public enum ScopeKind
{
    Sequence,
    Loop,
}
