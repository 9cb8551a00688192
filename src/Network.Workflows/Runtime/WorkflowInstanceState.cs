using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Network.Workflows.Runtime;

/// <summary>
/// Everything about one workflow instance: what the host persists after every <see cref="WorkflowInterpreter"/>
/// call, so a crash between two calls loses nothing and redoes nothing. Plain data (public properties, JSON nodes
/// for data, enums as strings): <see cref="System.Text.Json.JsonSerializer"/> writes and reads it with any options,
/// and <see cref="WorkflowStateJson"/> fixes one set of options for storage.
/// <para>
/// The interpreter never changes a state it is given: it works on a copy and returns it (or returns the very
/// instance it was given when a stimulus changes nothing, e.g. a duplicate event).
/// </para>
/// </summary>
public sealed class WorkflowInstanceState
{
    /// <summary>The shape of this record; bumped when it changes in a way old rows need converting for.</summary>
    public int SchemaVersion { get; set; } = 1;

    public string InstanceId { get; set; } = "";

    public string DefinitionId { get; set; } = "";

    public int DefinitionVersion { get; set; }

    public WorkflowStatus Status { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The moment of the last interpreter call that changed this state.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why the instance failed or was cancelled.</summary>
    public string? Reason { get; set; }

    /// <summary>The inputs it was started with (<c>input.x</c>).</summary>
    public JsonObject Inputs { get; set; } = [];

    /// <summary>Its variables (<c>vars.x</c>).</summary>
    public JsonObject Variables { get; set; } = [];

    /// <summary>The settings in effect: the definition's, with the tenant's overrides (<c>settings.x</c>).</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The paths that are running or waiting (ended paths are removed; the journal keeps their history).</summary>
    public List<PathToken> Paths { get; set; } = [];

    /// <summary>Effects for the host to carry out (events, notifications, escalations, child calls), until acknowledged.</summary>
    public List<OutboxMessage> Outbox { get; set; } = [];

    /// <summary>Human tasks, open and closed.</summary>
    public List<HumanTask> Tasks { get; set; } = [];

    /// <summary>Steps that failed past their retries, open and resolved.</summary>
    public List<Incident> Incidents { get; set; } = [];

    /// <summary>Events that came before any wait took them, kept until a wait does or they expire.</summary>
    public List<PendingEvent> PendingEvents { get; set; } = [];

    /// <summary>
    /// Ids of the events this instance has taken or kept; an event with one of these ids is ignored. The host moves
    /// them out at each write (<see cref="TakeAppliedEventIds"/>) to a table it asks before delivering an event, so
    /// this holds only the ids since the last write (all of them in the simulator).
    /// </summary>
    public List<string> AppliedEventIds { get; set; } = [];

    /// <summary>
    /// What the instance did and why, in order, since the host last moved the lines to its journal table. Append-only;
    /// a line's <see cref="JournalEntry.Seq"/> counts from the start of the whole journal, not of this list.
    /// </summary>
    public List<JournalEntry> Journal { get; set; } = [];

    /// <summary>
    /// How many journal lines came before <see cref="Journal"/>'s first: the host stores lines outside the state
    /// (its journal table) and empties the list, so the state stays the size the next step needs however long the
    /// instance runs. 0 where the whole journal is in the list (the simulator, and states stored before the table).
    /// </summary>
    public long JournalStored { get; set; }

    /// <summary>The sequence number the next journal line gets.</summary>
    [JsonIgnore]
    public long NextJournalSeq => JournalStored + Journal.Count + 1;

    /// <summary>
    /// Takes the applied event ids out of the state and returns them: the host calls this when it writes them to its
    /// table in the same transaction as the state, and asks that table before it delivers an event.
    /// </summary>
    public IReadOnlyList<string> TakeAppliedEventIds()
    {
        var ids = AppliedEventIds;
        AppliedEventIds = [];
        return ids;
    }

    /// <summary>
    /// Takes the journal lines out of the state, counting them as stored, and returns them: the host calls this when it
    /// writes the lines to its journal table in the same transaction as the state.
    /// </summary>
    public IReadOnlyList<JournalEntry> TakeJournal()
    {
        var lines = Journal;
        if (lines.Count > 0)
        {
            JournalStored = lines[^1].Seq;
            Journal = [];
        }
        return lines;
    }

    /// <summary>The last number handed out for a local id (paths, waits, tasks, incidents, calls, messages).</summary>
    public long LastId { get; set; }

    [JsonIgnore]
    public bool IsEnded => Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Cancelled;

    [JsonIgnore]
    public IEnumerable<HumanTask> OpenTasks => Tasks.Where(t => t.Status == HumanTaskStatus.Open);

    [JsonIgnore]
    public IEnumerable<Incident> OpenIncidents => Incidents.Where(i => i.Resolution is null);

    /// <summary>A deep copy: what the interpreter changes instead of the state it was given.</summary>
    public WorkflowInstanceState Clone() => new()
    {
        SchemaVersion = SchemaVersion,
        InstanceId = InstanceId,
        DefinitionId = DefinitionId,
        DefinitionVersion = DefinitionVersion,
        Status = Status,
        StartedAt = StartedAt,
        UpdatedAt = UpdatedAt,
        EndedAt = EndedAt,
        Reason = Reason,
        Inputs = (JsonObject)Inputs.DeepClone(),
        Variables = (JsonObject)Variables.DeepClone(),
        Settings = new Dictionary<string, string>(Settings, StringComparer.Ordinal),
        Paths = Paths.Select(p => p.Clone()).ToList(),
        // Outbox messages, pending events and journal entries are never changed once made: the lists are copied, not the items.
        Outbox = [.. Outbox],
        Tasks = Tasks.Select(t => t.Clone()).ToList(),
        Incidents = Incidents.Select(i => i with { }).ToList(),
        PendingEvents = [.. PendingEvents],
        AppliedEventIds = [.. AppliedEventIds],
        Journal = [.. Journal],
        JournalStored = JournalStored,
        LastId = LastId,
    };
}

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

/// <summary>
/// One path of execution (a token): the instance's main path, or a branch of a <c>parallel</c>. It is at one step,
/// and either ready to run it or waiting (<see cref="Wait"/>). <c>do</c> and <c>loop</c> bodies run on the same
/// path, remembered in <see cref="Frames"/>.
/// </summary>
public sealed class PathToken
{
    public string Id { get; set; } = "";

    /// <summary>The path waiting at the <c>parallel</c> that started this branch; null for the main path.</summary>
    public string? ParentId { get; set; }

    public string StepId { get; set; } = "";

    public PathStatus Status { get; set; }

    /// <summary>Why the path is at its step (the journal's "why").</summary>
    public string? Why { get; set; }

    /// <summary>The <c>do</c> and <c>loop</c> steps this path is inside, innermost last.</summary>
    public List<ScopeFrame> Frames { get; set; } = [];

    /// <summary>What the path waits for, when <see cref="Status"/> is <see cref="PathStatus.Waiting"/> (or a retry is due).</summary>
    public WaitState? Wait { get; set; }

    /// <summary>The data of the last event this path took: <c>event</c> in the steps after a <c>wait-for</c>.</summary>
    public JsonNode? Event { get; set; }

    /// <summary>How many times the current step has failed in a row (for its retry policy).</summary>
    public int Failures { get; set; }

    public PathToken Clone() => new()
    {
        Id = Id,
        ParentId = ParentId,
        StepId = StepId,
        Status = Status,
        Why = Why,
        Frames = Frames.Select(f => f with { }).ToList(),
        Wait = Wait?.Clone(),
        Event = Event?.DeepClone(),
        Failures = Failures,
    };
}

[JsonConverter(typeof(CamelCaseEnumConverter<PathStatus>))]
public enum PathStatus
{
    Ready,
    Waiting,

    /// <summary>Its step failed past its retries: parked until an operator retries or skips it.</summary>
    Incident,
}

/// <summary>A <c>do</c> or <c>loop</c> the path is inside: which step, and how far along it is.</summary>
public sealed record ScopeFrame
{
    public string StepId { get; set; } = "";

    public ScopeKind Kind { get; set; }

    /// <summary>For a <c>do</c>: the position of the step running now.</summary>
    public int Index { get; set; }

    /// <summary>For a <c>loop</c>: how many turns of the body have started.</summary>
    public int Iteration { get; set; }
}

[JsonConverter(typeof(CamelCaseEnumConverter<ScopeKind>))]
public enum ScopeKind
{
    Sequence,
    Loop,
}

/// <summary>What a waiting path waits for. <see cref="Id"/> names this wait and no other: a timer for it fires once.</summary>
public sealed class WaitState
{
    public string Id { get; set; } = "";

    public WaitKind Kind { get; set; }

    public DateTimeOffset Since { get; set; }

    /// <summary>When the timer is due: the timer itself, a <c>wait-for</c>'s timeout, or a retry.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The event a <c>wait-for</c> waits for.</summary>
    public string? Event { get; set; }

    /// <summary>
    /// The correlation values of a <c>wait-for</c> (field → <see cref="Expressions.JsonValues.CorrelationKey"/>),
    /// from the <c>event.field == …</c> terms of its <c>where</c>; empty when it states none (then only the event
    /// name can be indexed).
    /// </summary>
    public Dictionary<string, string> Correlation { get; set; } = new(StringComparer.Ordinal);

    public string? TaskId { get; set; }

    /// <summary>The child call a <c>call</c> waits for.</summary>
    public string? CallId { get; set; }

    /// <summary>For a <c>parallel</c>: the branch paths started, those ended, and how many must end.</summary>
    public List<string> Branches { get; set; } = [];

    public List<string> EndedBranches { get; set; } = [];

    public int Required { get; set; }

    public WaitState Clone() => new()
    {
        Id = Id,
        Kind = Kind,
        Since = Since,
        DueAt = DueAt,
        Event = Event,
        Correlation = new Dictionary<string, string>(Correlation, StringComparer.Ordinal),
        TaskId = TaskId,
        CallId = CallId,
        Branches = [.. Branches],
        EndedBranches = [.. EndedBranches],
        Required = Required,
    };
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

/// <summary>A human task: assigned to a tenant or role, due at a moment, completed through the API with a result.</summary>
public sealed class HumanTask
{
    public string Id { get; set; } = "";

    public string StepId { get; set; } = "";

    public string PathId { get; set; } = "";

    public string AssignedTo { get; set; } = "";

    public string Title { get; set; } = "";

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public HumanTaskStatus Status { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public JsonNode? Result { get; set; }

    public HumanTask Clone() => new()
    {
        Id = Id,
        StepId = StepId,
        PathId = PathId,
        AssignedTo = AssignedTo,
        Title = Title,
        DueAt = DueAt,
        CreatedAt = CreatedAt,
        Status = Status,
        ClosedAt = ClosedAt,
        Result = Result?.DeepClone(),
    };
}

[JsonConverter(typeof(CamelCaseEnumConverter<HumanTaskStatus>))]
public enum HumanTaskStatus
{
    Open,
    Completed,

    /// <summary>Its path was cancelled (a <c>parallel</c> joined without it, or the instance ended).</summary>
    Cancelled,
}

/// <summary>A step that failed past its retries. Open until an operator retries or skips it, or cancels the instance.</summary>
public sealed record Incident
{
    public string Id { get; set; } = "";

    public string PathId { get; set; } = "";

    public string StepId { get; set; } = "";

    public string Activity { get; set; } = "";

    public string Error { get; set; } = "";

    /// <summary>How many times the step was tried.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Null while open; then "retried", "skipped" or "cancelled".</summary>
    public string? Resolution { get; set; }
}

/// <summary>
/// An effect for the host to carry out once the state holding it is persisted, then acknowledge
/// (<see cref="WorkflowInterpreter.Acknowledge"/>). <see cref="Id"/> is unique across instances, so consumers can
/// drop a message they have already seen.
/// </summary>
public sealed record OutboxMessage
{
    public string Id { get; init; } = "";

    /// <summary>One of <see cref="OutboxKinds"/>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The event name (<c>event</c>), or the workflow id (<c>call</c>, <c>cancel-call</c>).</summary>
    public string? Name { get; init; }

    /// <summary>The tenant or role (<c>notification</c>, <c>escalation</c>, <c>task</c>).</summary>
    public string? To { get; init; }

    /// <summary>The event's data; the message and level of a notification or escalation; a call's inputs.</summary>
    public JsonNode? Data { get; init; }

    /// <summary>For <c>call</c> and <c>cancel-call</c>: the call's id (the child's instance id is the host's to derive from it).</summary>
    public string? CallId { get; init; }

    public string StepId { get; init; } = "";

    public DateTimeOffset At { get; init; }
}

/// <summary>The kinds of <see cref="OutboxMessage"/>.</summary>
public static class OutboxKinds
{
    /// <summary>A <c>publish</c>: put <see cref="OutboxMessage.Name"/> with its data on the bus.</summary>
    public const string Event = "event";

    public const string Notification = "notification";

    public const string Escalation = "escalation";

    /// <summary>A human task was assigned (the task itself is in <see cref="WorkflowInstanceState.Tasks"/>).</summary>
    public const string Task = "task";

    /// <summary>Start a child instance of workflow <see cref="OutboxMessage.Name"/> with inputs <see cref="OutboxMessage.Data"/>; report its end with <see cref="ChildCompleted"/>.</summary>
    public const string Call = "call";

    /// <summary>The call's path was cancelled: cancel the child instance.</summary>
    public const string CancelCall = "cancel-call";
}

/// <summary>An event kept for a wait that does not exist yet.</summary>
public sealed record PendingEvent
{
    public string? EventId { get; init; }

    public string Name { get; init; } = "";

    public JsonNode? Data { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset KeepUntil { get; init; }
}

/// <summary>
/// One line of an instance's journal: when, which step and activity, what happened (<see cref="Kind"/>, one of
/// <see cref="JournalKinds"/>), why, with what outcome, and a short summary of the inputs it acted on.
/// </summary>
public sealed record JournalEntry
{
    /// <summary>1, 2, 3, … in the order of the journal.</summary>
    public long Seq { get; init; }

    public DateTimeOffset At { get; init; }

    public string Kind { get; init; } = "";

    public string? StepId { get; init; }

    public string? Activity { get; init; }

    public string? PathId { get; init; }

    /// <summary>The W3C trace id current when the line was written (an HTTP request, a link message), if any.</summary>
    public string? TraceId { get; init; }

    public string? Why { get; init; }

    public string? Outcome { get; init; }

    public string? Inputs { get; init; }
}

/// <summary>Enums as camelCase strings (<c>"waiting"</c>, <c>"incident"</c>), as the rest of the stored state writes them; read case-insensitively.</summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
