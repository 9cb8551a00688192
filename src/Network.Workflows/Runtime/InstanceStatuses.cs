using System.Text.Json.Serialization;

namespace Network.Workflows.Runtime;

// The instance state's statuses and kinds, together: each is written as a camelCase string (CamelCaseEnumConverter).

[JsonConverter(typeof(CamelCaseEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
{
    /// <summary>A path is ready to run (only seen inside a call, or when a run hit its step budget).</summary>
    Running,

    /// <summary>Every path waits: for an event, a timer, a task, a child, or its branches.</summary>
    Waiting,

    /// <summary>A step failed past its retries; an operator can retry it, skip it, or cancel the instance.</summary>
    Incident,

    Completed,
    Failed,
    Cancelled,
}

[JsonConverter(typeof(CamelCaseEnumConverter<PathStatus>))]
public enum PathStatus
{
    Ready,
    Waiting,

    /// <summary>Its step failed past its retries: parked until an operator retries or skips it.</summary>
    Incident,
}

[JsonConverter(typeof(CamelCaseEnumConverter<ScopeKind>))]
public enum ScopeKind
{
    Sequence,
    Loop,
}

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

[JsonConverter(typeof(CamelCaseEnumConverter<HumanTaskStatus>))]
public enum HumanTaskStatus
{
    Open,
    Completed,

    /// <summary>Its path was cancelled (a <c>parallel</c> joined without it, or the instance ended).</summary>
    Cancelled,
}
