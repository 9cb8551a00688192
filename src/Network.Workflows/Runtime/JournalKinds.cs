namespace Network.Workflows.Runtime;

/// <summary>The kinds of <see cref="JournalEntry"/>.</summary>
public static class JournalKinds
{
    /// <summary>The instance started (its inputs and settings in the summary).</summary>
    public const string Started = "started";

    /// <summary>A step ran: why (the transition that led to it), the inputs it acted on, and its outcome.</summary>
    public const string StepStarted = "step-started";

    /// <summary>A path began to wait: for an event (with its correlation and timeout), a timer, a task, a child, or branches.</summary>
    public const string Waiting = "waiting";

    public const string EventReceived = "event-received";

    /// <summary>An event no wait took was kept for a later wait, until a stated moment.</summary>
    public const string EventKept = "event-kept";

    /// <summary>A kept event expired before any wait took it.</summary>
    public const string EventExpired = "event-expired";

    /// <summary>A <c>where</c> failed on an event (e.g. a field of the wrong shape): the event did not match that wait.</summary>
    public const string EventRejected = "event-rejected";

    public const string TimerFired = "timer-fired";

    /// <summary>A <c>wait-for</c> got no event in time and took its timeout branch.</summary>
    public const string TimedOut = "timed-out";

    public const string Notified = "notified";

    public const string Escalated = "escalated";

    public const string TaskAssigned = "task-assigned";

    public const string TaskCompleted = "task-completed";

    public const string TaskCancelled = "task-cancelled";

    public const string Published = "published";

    /// <summary>A <c>set</c> gave the variable <c>status</c> a new value: the instance's business status (e.g. stalled).</summary>
    public const string StatusChanged = "status-changed";

    public const string ChildStarted = "child-started";

    public const string ChildCompleted = "child-completed";

    /// <summary>A <c>parallel</c>'s join was met: the branches that had not ended were cancelled.</summary>
    public const string Joined = "joined";

    /// <summary>A path was cancelled (a branch a join no longer needed, or every path when the instance ended).</summary>
    public const string PathCancelled = "path-cancelled";

    /// <summary>A loop reached its <c>max</c> while its condition still held, and went on.</summary>
    public const string LoopLimit = "loop-limit";

    /// <summary>A step failed; it runs again at the stated moment under its retry policy.</summary>
    public const string RetryScheduled = "retry-scheduled";

    /// <summary>A step failed past its retries (or had no policy): the path stops until an operator acts.</summary>
    public const string Incident = "incident";

    /// <summary>An operator retried or skipped an incident.</summary>
    public const string IncidentResolved = "incident-resolved";

    /// <summary>
    /// The instance moved to another version of its workflow (from which to which, and the mapping of the steps it
    /// was at); the lines before it name the steps of the old version.
    /// </summary>
    public const string Migrated = "migrated";

    public const string Completed = "completed";

    public const string Failed = "failed";

    public const string Cancelled = "cancelled";
}
