using System.Text.Json.Serialization;

namespace Network.Workflows.Runtime;

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
