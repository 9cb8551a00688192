using System.Text.Json.Serialization;

namespace Network.Workflows.Runtime;

[JsonConverter(typeof(CamelCaseEnumConverter<HumanTaskStatus>))]
public enum HumanTaskStatus
{
    Open,
    Completed,

    /// <summary>Its path was cancelled (a <c>parallel</c> joined without it, or the instance ended).</summary>
    Cancelled,
}
