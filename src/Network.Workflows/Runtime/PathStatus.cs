using System.Text.Json.Serialization;

namespace Network.Workflows.Runtime;

[JsonConverter(typeof(CamelCaseEnumConverter<PathStatus>))]
public enum PathStatus
{
    Ready,
    Waiting,

    /// <summary>Its step failed past its retries: parked until an operator retries or skips it.</summary>
    Incident,
}
