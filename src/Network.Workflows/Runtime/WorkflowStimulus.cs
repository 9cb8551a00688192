using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Network.Workflows.Runtime;

/// <summary>
/// Something that happens to a running instance: what <see cref="WorkflowInterpreter.Resume"/> applies. Stimuli
/// are idempotent where the world may repeat itself: an event id already taken, a timer for a wait that is gone, a
/// task already completed, an incident already resolved are each ignored.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "stimulus")]
[JsonDerivedType(typeof(EventReceived), "event")]
[JsonDerivedType(typeof(TimerDue), "timer")]
[JsonDerivedType(typeof(TimersDue), "timers")]
[JsonDerivedType(typeof(TaskCompleted), "task-completed")]
[JsonDerivedType(typeof(ChildCompleted), "child-completed")]
[JsonDerivedType(typeof(CancelInstance), "cancel")]
[JsonDerivedType(typeof(RetryIncident), "retry-incident")]
[JsonDerivedType(typeof(SkipIncident), "skip-incident")]
public abstract record WorkflowStimulus;

/// <summary>
/// An event (<paramref name="Name"/>, e.g. <c>ProgressReported</c>, with its data). It goes to every wait for that
/// name whose <c>where</c> holds. When none does and <paramref name="KeepUntil"/> is later than now, the instance
/// keeps the event, and the first <c>wait-for</c> created before then whose <c>where</c> holds takes it.
/// </summary>
/// <param name="EventId">The message id: an event whose id the instance has already taken or kept is ignored.</param>
public sealed record EventReceived(string Name, JsonNode? Data, string? EventId = null, DateTimeOffset? KeepUntil = null) : WorkflowStimulus;

/// <summary>The timer of wait <paramref name="WaitId"/> is due. Ignored when that wait is gone (it fired, or the path moved on) or not yet due.</summary>
public sealed record TimerDue(string WaitId) : WorkflowStimulus;

/// <summary>Every timer due at or before now fires, earliest first: what a host's single reminder delivers.</summary>
public sealed record TimersDue : WorkflowStimulus;

/// <summary>Human task <paramref name="TaskId"/> was completed with <paramref name="Result"/>.</summary>
public sealed record TaskCompleted(string TaskId, JsonNode? Result) : WorkflowStimulus;

/// <summary>
/// The child of call <paramref name="CallId"/> ended: with <paramref name="Result"/> (its variables, say), or failed
/// with <paramref name="Error"/> (then the <c>call</c> step fails: retried under its policy, then an incident).
/// </summary>
public sealed record ChildCompleted(string CallId, JsonNode? Result, string? Error = null) : WorkflowStimulus;

/// <summary>Cancels the instance: every path stops, open tasks are cancelled, children are asked to cancel.</summary>
public sealed record CancelInstance(string? Reason = null) : WorkflowStimulus;

/// <summary>An operator runs the step of an incident again (the first open incident when no id is given).</summary>
public sealed record RetryIncident(string? IncidentId = null) : WorkflowStimulus;

/// <summary>An operator skips the step of an incident: the path goes on as if the step had done nothing.</summary>
public sealed record SkipIncident(string? IncidentId = null) : WorkflowStimulus;
