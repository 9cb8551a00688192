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
    private JsonObject? _inputs;
    private JsonObject? _variables;

    // Set once Compact detached the inputs' and variables' values, so the next calls do not walk them again: a held
    // state is not changed (a step works on a copy), and setting either object clears it.
    private bool _valuesDetached;
    private Dictionary<string, string>? _settings;
    private List<PathToken>? _paths;
    private List<OutboxMessage>? _outbox;
    private List<HumanTask>? _tasks;
    private List<Incident>? _incidents;
    private List<PendingEvent>? _pendingEvents;
    private List<string>? _appliedEventIds;
    private List<JournalEntry>? _journal;

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
    public JsonObject Inputs { get => _inputs ??= []; set => (_inputs, _valuesDetached) = (value, false); }

    /// <summary>Its variables (<c>vars.x</c>).</summary>
    public JsonObject Variables { get => _variables ??= []; set => (_variables, _valuesDetached) = (value, false); }

    /// <summary>The settings in effect: the definition's, with the tenant's overrides (<c>settings.x</c>).</summary>
    public Dictionary<string, string> Settings { get => _settings ??= new(StringComparer.Ordinal); set => _settings = value; }

    /// <summary>The paths that are running or waiting (ended paths are removed; the journal keeps their history).</summary>
    public List<PathToken> Paths { get => _paths ??= []; set => _paths = value; }

    /// <summary>Effects for the host to carry out (events, notifications, escalations, child calls), until acknowledged.</summary>
    public List<OutboxMessage> Outbox { get => _outbox ??= []; set => _outbox = value; }

    /// <summary>Human tasks, open and closed.</summary>
    public List<HumanTask> Tasks { get => _tasks ??= []; set => _tasks = value; }

    /// <summary>Steps that failed past their retries, open and resolved.</summary>
    public List<Incident> Incidents { get => _incidents ??= []; set => _incidents = value; }

    /// <summary>Events that came before any wait took them, kept until a wait does or they expire.</summary>
    public List<PendingEvent> PendingEvents { get => _pendingEvents ??= []; set => _pendingEvents = value; }

    /// <summary>
    /// Ids of the events this instance has taken or kept; an event with one of these ids is ignored. The host moves
    /// them out at each write (<see cref="TakeAppliedEventIds"/>) to a table it asks before delivering an event, so
    /// this holds only the ids since the last write (all of them in the simulator).
    /// </summary>
    public List<string> AppliedEventIds { get => _appliedEventIds ??= []; set => _appliedEventIds = value; }

    /// <summary>
    /// What the instance did and why, in order, since the host last moved the lines to its journal table. Append-only;
    /// a line's <see cref="JournalEntry.Seq"/> counts from the start of the whole journal, not of this list.
    /// </summary>
    public List<JournalEntry> Journal { get => _journal ??= []; set => _journal = value; }

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

    /// <summary>
    /// Makes the state smaller in memory without changing what it holds or the JSON it is written as. For a state held
    /// between steps, which no step changes (a step works on a copy): thousands of instances wait in memory.
    /// <list type="bullet">
    /// <item>Lets go of the collections that are empty, here and in the paths (a property makes its collection again
    /// when it is next read): most of a waiting instance's lists are, and each costs 32 to 80 bytes.</item>
    /// <item>Gives the text and true/false values of the inputs and variables their own storage
    /// (<see cref="JsonValueStorage.Detach"/>): as parsed, each points into a copy of the whole JSON they were read
    /// from, about 200 bytes per object.</item>
    /// </list>
    /// </summary>
    public void Compact()
    {
        if (!_valuesDetached)
        {
            JsonValueStorage.Detach(_inputs);
            JsonValueStorage.Detach(_variables);
            _valuesDetached = true;
        }
        EmptyCollections.LetGo(ref _inputs);
        EmptyCollections.LetGo(ref _variables);
        EmptyCollections.LetGo(ref _settings);
        EmptyCollections.LetGo(ref _paths);
        EmptyCollections.LetGo(ref _outbox);
        EmptyCollections.LetGo(ref _tasks);
        EmptyCollections.LetGo(ref _incidents);
        EmptyCollections.LetGo(ref _pendingEvents);
        EmptyCollections.LetGo(ref _appliedEventIds);
        EmptyCollections.LetGo(ref _journal);
        foreach (var path in _paths ?? [])
        {
            path.Compact();
        }
    }

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
