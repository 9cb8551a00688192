using Network.Workflows.Runtime;

namespace Network.Workflows.Simulation;

/// <summary>
/// One moment of a simulation's timeline: when, what kind of thing happened, at which step, and a sentence.
/// <para>Kinds (from the instance's journal):</para>
/// <list type="table">
/// <item><term>step</term><description>a step ran (detail: why it ran, then its outcome)</description></item>
/// <item><term>waiting</term><description>a path began to wait: for an event (with its timeout), a timer, or branches</description></item>
/// <item><term>event</term><description>an event was taken, kept for later, expired, or rejected by a <c>where</c></description></item>
/// <item><term>timer</term><description>a timer fired</description></item>
/// <item><term>timeout</term><description>a <c>wait-for</c> got nothing in time and took its timeout branch</description></item>
/// <item><term>notification</term><description>a <c>notify</c></description></item>
/// <item><term>escalated</term><description>one level of an escalation ladder</description></item>
/// <item><term>task</term><description>a human task assigned, completed or cancelled</description></item>
/// <item><term>published</term><description>an event published</description></item>
/// <item><term>call</term><description>a child workflow started or ended</description></item>
/// <item><term><i>status</i></term><description>
/// a <c>set</c> gave the variable <c>status</c> a new value: the kind is that value, e.g. <c>stalled</c> when a
/// definition marks a stall with <c>set: { status: "'stalled'" }</c>, <c>blocked</c>, <c>active</c>
/// </description></item>
/// <item><term>joined, cancelled, loop-limit, retry, incident, started, completed, failed</term><description>as named</description></item>
/// </list>
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string? Step, string Detail);

internal static class Timeline
{
    public static TimelineEntry? FromJournal(JournalEntry entry, string stepPrefix)
    {
        var kind = entry.Kind switch
        {
            JournalKinds.StepStarted => "step",
            JournalKinds.Waiting => "waiting",
            JournalKinds.EventReceived or JournalKinds.EventKept or JournalKinds.EventExpired or JournalKinds.EventRejected => "event",
            JournalKinds.TimerFired => "timer",
            JournalKinds.TimedOut => "timeout",
            JournalKinds.Notified => "notification",
            JournalKinds.Escalated => "escalated",
            JournalKinds.TaskAssigned or JournalKinds.TaskCompleted or JournalKinds.TaskCancelled => "task",
            JournalKinds.Published => "published",
            JournalKinds.ChildStarted or JournalKinds.ChildCompleted => "call",
            JournalKinds.StatusChanged => string.IsNullOrWhiteSpace(entry.Outcome) ? "status" : entry.Outcome,
            JournalKinds.Joined => "joined",
            JournalKinds.PathCancelled => "cancelled",
            JournalKinds.LoopLimit => "loop-limit",
            JournalKinds.RetryScheduled => "retry",
            JournalKinds.Incident or JournalKinds.IncidentResolved => "incident",
            JournalKinds.Started => "started",
            JournalKinds.Completed => "completed",
            JournalKinds.Failed => "failed",
            JournalKinds.Cancelled => "cancelled",
            _ => entry.Kind,
        };
        var detail = entry.Kind switch
        {
            JournalKinds.StepStarted => $"{entry.Activity}: {entry.Why} — {entry.Outcome}",
            JournalKinds.StatusChanged => $"status {entry.Outcome}" + (entry.Inputs is null ? "" : $" ({entry.Inputs})"),
            JournalKinds.EventReceived or JournalKinds.EventKept or JournalKinds.EventExpired or JournalKinds.EventRejected =>
                $"{entry.Inputs}: {entry.Kind.Replace("event-", "", StringComparison.Ordinal)}, {entry.Outcome}",
            _ => entry.Outcome ?? entry.Why ?? "",
        };
        return new TimelineEntry(entry.At, kind, entry.StepId is null ? null : stepPrefix + entry.StepId, detail);
    }
}
