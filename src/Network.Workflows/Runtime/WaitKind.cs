using System.Text.Json.Serialization;

namespace Network.Workflows.Runtime;

[JsonConverter(typeof(CamelCaseEnumConverter<WaitKind>))]
public enum WaitKind
{
    /// <summary>A <c>wait-for</c>: an event, maybe with a timeout (<see cref="WaitState.DueAt"/>).</summary>
    Event,

    /// <summary>A <c>timer</c>.</summary>
    Timer,

    /// <summary>A human task's completion.</summary>
    Task,

    /// <summary>A child workflow's end.</summary>
    Child,

    /// <summary>A <c>parallel</c>'s branches.</summary>
    Join,

    /// <summary>The next attempt of a failed step.</summary>
    Retry,
}
