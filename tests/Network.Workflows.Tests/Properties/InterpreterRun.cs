using System.Globalization;
using System.Text.Json.Nodes;
using Network.Workflows.Definitions;
using Network.Workflows.Runtime;

namespace Network.Workflows.Properties;

/// <summary>
/// One thing the world does to an instance, as a host would deliver it. Picks (<c>Pick</c>) choose among what is
/// open at that moment (timers, tasks, calls) modulo their number, so any sequence applies to any instance.
/// </summary>
public abstract record InstanceAction;

/// <summary>An event; <paramref name="IdSlot"/> names one of a few ids, so the same event comes again (a redelivery).</summary>
public sealed record DeliverEvent(string Name, string Key, int IdSlot, int KeepHours) : InstanceAction;

/// <summary>The clock moves on and the host's reminder delivers every timer due by then.</summary>
public sealed record AdvanceClock(int Hours) : InstanceAction;

/// <summary>One open timer fires (its wait id); <paramref name="Early"/> leaves the clock where it is, so it may not be due yet.</summary>
public sealed record FireTimer(int Pick, bool Early) : InstanceAction;

/// <summary>A timer for a wait the instance never had, or one that already fired.</summary>
public sealed record FireStaleTimer(int Pick) : InstanceAction;

public sealed record CompleteTask(int Pick, bool Unknown) : InstanceAction;

public sealed record CompleteChild(int Pick, bool Failed) : InstanceAction;

public sealed record ResolveIncident(bool Retry) : InstanceAction;

public sealed record Cancel : InstanceAction;

/// <summary>The host carried out the outbox and stored the journal and applied ids in its tables.</summary>
public sealed record Store : InstanceAction;

/// <summary>An invariant of the interpreter did not hold (what the property tests and the fuzz harness report).</summary>
public sealed class InvariantViolationException(string message) : Exception(message);

/// <summary>
/// Drives one instance through actions as a host does (a virtual clock that only moves forward, the outbox
/// acknowledged, journal lines and applied event ids moved to "tables"), and after every call checks what must
/// hold whatever the order of events and timers:
/// <list type="bullet">
/// <item>the interpreter never throws, and never changes the state it was given;</item>
/// <item>each event is applied once: an id the instance took or kept is never taken again, and a redelivery of one
/// still in the state returns the very state it was given;</item>
/// <item>a path ends at most once: path ids are unique, a path that left never comes back, is cancelled at most once,
/// and a join counts each branch once, among its own;</item>
/// <item>the journal's sequence increases by one from 1 across the whole life, and a call only appends to it;</item>
/// <item>a timer fires once, an ended instance stays ended with no path and no timer, outbox ids are unique.</item>
/// </list>
/// </summary>
public sealed class InterpreterRun
{
    private static readonly string[] EventIds = ["e1", "e2", "e3", "e4"];

    // A loop with no wait runs into the engine's step budget; a small one keeps each call (and its checks) quick.
    private static readonly WorkflowRunOptions Options = WorkflowRunOptions.Default with { MaxStepsPerCall = 200, DefaultLoopMax = 50 };

    private readonly WorkflowDefinition _definition;
    private readonly HashSet<string> _storedEventIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pathsSeen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pathsGone = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pathsCancelled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _outboxIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _firedWaits = new(StringComparer.Ordinal);
    private readonly List<string> _callIds = [];

    public InterpreterRun(WorkflowDefinition definition, JsonObject inputs, DateTimeOffset start)
    {
        _definition = definition;
        Now = start;
        State = WorkflowInterpreter.Start(definition, inputs, null, start, "run", options: Options);
        Check(null, State, "start");
    }

    public WorkflowInstanceState State { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>Inputs every library workflow can start with (the extra ones are ignored by the others).</summary>
    public static JsonObject LibraryInputs(DateTimeOffset start) => new()
    {
        ["commitmentId"] = "c1",
        ["tenantId"] = "tmp",
        ["dependency"] = "d1",
        ["sessionId"] = "s1",
        ["campaignId"] = "k1",
        ["title"] = "A session",
        ["key"] = "c1",
        ["dueAt"] = Moment(start.AddDays(120)),
        ["reviewAt"] = Moment(start.AddDays(300)),
        ["firstDueAt"] = Moment(start.AddDays(90)),
        ["launchAt"] = Moment(start.AddDays(40)),
        ["scheduledAt"] = Moment(start.AddDays(10)),
    };

    public void Apply(InstanceAction action)
    {
        var before = State;
        switch (action)
        {
            case DeliverEvent e:
                var id = EventIds[e.IdSlot % EventIds.Length];
                if (_storedEventIds.Contains(id))
                {
                    return; // the host asks its table of applied ids first, and drops the event
                }
                var data = new JsonObject { ["commitmentId"] = e.Key, ["dependency"] = e.Key, ["key"] = e.Key, ["status"] = "limited", ["commitmentIds"] = new JsonArray(e.Key) };
                var keep = e.KeepHours > 0 ? Now.AddHours(e.KeepHours) : (DateTimeOffset?)null;
                var wasApplied = State.AppliedEventIds.Contains(id);
                Resume(new EventReceived(e.Name, data, id, keep), action);
                if (wasApplied && !ReferenceEquals(before, State))
                {
                    throw new InvariantViolationException($"event {id} was applied a second time");
                }
                break;
            case AdvanceClock a:
                Now = Now.AddHours(a.Hours);
                Resume(new TimersDue(), action);
                break;
            case FireTimer t:
                var timers = WorkflowInterpreter.Timers(State);
                if (timers.Count == 0)
                {
                    return;
                }
                var timer = timers[t.Pick % timers.Count];
                if (!t.Early && timer.DueAt > Now)
                {
                    Now = timer.DueAt;
                }
                Resume(new TimerDue(timer.WaitId), action);
                if (!ReferenceEquals(before, State))
                {
                    if (!_firedWaits.Add(timer.WaitId))
                    {
                        throw new InvariantViolationException($"the timer of wait {timer.WaitId} fired twice");
                    }
                    if (timer.DueAt > Now)
                    {
                        throw new InvariantViolationException($"the timer of wait {timer.WaitId} fired before it was due");
                    }
                }
                break;
            case FireStaleTimer s:
                var stale = _firedWaits.Count > 0 && s.Pick % 2 == 0 ? _firedWaits.ElementAt(s.Pick % _firedWaits.Count) : "w-never";
                Resume(new TimerDue(stale), action);
                if (!ReferenceEquals(before, State))
                {
                    throw new InvariantViolationException($"a timer for wait {stale}, gone or never there, changed the instance");
                }
                break;
            case CompleteTask c:
                var open = State.OpenTasks.ToList();
                var taskId = c.Unknown || open.Count == 0 ? "t-unknown" : open[c.Pick % open.Count].Id;
                Resume(new TaskCompleted(taskId, new JsonObject { ["summary"] = "done", ["status"] = "substantial", ["go"] = true }), action);
                break;
            case CompleteChild c:
                if (_callIds.Count == 0)
                {
                    return;
                }
                Resume(new ChildCompleted(_callIds[c.Pick % _callIds.Count], new JsonObject(), c.Failed ? "the child failed" : null), action);
                break;
            case ResolveIncident r:
                Resume(r.Retry ? new RetryIncident() : new SkipIncident(), action);
                break;
            case Cancel:
                Resume(new CancelInstance("cancelled by the test"), action);
                break;
            case Store:
                var stored = WorkflowInterpreter.Acknowledge(State, State.Outbox.Select(m => m.Id)).Clone();
                stored.TakeJournal();
                foreach (var taken in stored.TakeAppliedEventIds())
                {
                    _storedEventIds.Add(taken);
                }
                if (stored.NextJournalSeq != before.NextJournalSeq)
                {
                    throw new InvariantViolationException($"storing the journal moved the next line's number from {before.NextJournalSeq} to {stored.NextJournalSeq}");
                }
                State = stored;
                break;
        }
    }

    private void Resume(WorkflowStimulus stimulus, InstanceAction action)
    {
        var before = State;
        var snapshot = WorkflowStateJson.Serialize(before);
        WorkflowInstanceState after;
        try
        {
            after = WorkflowInterpreter.Resume(_definition, before, stimulus, Now, Options);
        }
        catch (Exception e)
        {
            throw new InvariantViolationException($"{action} threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
        if (WorkflowStateJson.Serialize(before) != snapshot)
        {
            throw new InvariantViolationException($"{action} changed the state it was given");
        }
        Check(before, after, action.ToString());
        State = after;
    }

    private void Check(WorkflowInstanceState? before, WorkflowInstanceState after, string what)
    {
        void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new InvariantViolationException($"after {what}: {message}");
            }
        }

        // The journal: 1, 2, 3, … over the whole life, and a call only appends.
        for (var i = 0; i < after.Journal.Count; i++)
        {
            Require(after.Journal[i].Seq == after.JournalStored + i + 1,
                $"journal line {i} has seq {after.Journal[i].Seq}, expected {after.JournalStored + i + 1}");
        }
        if (before is not null)
        {
            Require(after.JournalStored == before.JournalStored, "a call changed how many lines were stored");
            Require(after.Journal.Count >= before.Journal.Count && before.Journal.Zip(after.Journal).All(p => p.First == p.Second),
                "a call rewrote journal lines it was given");
            if (before.IsEnded)
            {
                Require(after.Status == before.Status, $"an instance that ended {before.Status} became {after.Status}");
            }
        }

        // Events applied once.
        Require(after.AppliedEventIds.Distinct(StringComparer.Ordinal).Count() == after.AppliedEventIds.Count, "an event id is applied twice in the state");
        Require(!after.AppliedEventIds.Any(_storedEventIds.Contains), "an event id already stored was applied again");

        // Paths end at most once.
        var ids = after.Paths.Select(p => p.Id).ToList();
        Require(ids.Distinct(StringComparer.Ordinal).Count() == ids.Count, "two paths share an id");
        foreach (var id in ids)
        {
            Require(!_pathsGone.Contains(id), $"path {id} ended and came back");
            _pathsSeen.Add(id);
        }
        foreach (var gone in _pathsSeen.Where(p => !ids.Contains(p)).ToList())
        {
            _pathsGone.Add(gone);
        }
        var firstNew = before is null ? 0 : before.Journal.Count;
        foreach (var line in after.Journal.Skip(firstNew).Where(l => l.Kind == JournalKinds.PathCancelled))
        {
            Require(line.PathId is not null && _pathsCancelled.Add(line.PathId), $"path {line.PathId} was cancelled twice");
        }
        foreach (var join in after.Paths.Select(p => p.Wait).Where(w => w is { Kind: WaitKind.Join }))
        {
            Require(join!.EndedBranches.Distinct(StringComparer.Ordinal).Count() == join.EndedBranches.Count, "a join counted a branch twice");
            Require(join.EndedBranches.All(join.Branches.Contains), "a join counted a branch not its own");
        }

        // Ended means ended; outbox ids are unique.
        if (after.IsEnded)
        {
            Require(after.Paths.Count == 0, "an ended instance still has paths");
            Require(WorkflowInterpreter.NextDueAt(after) is null, "an ended instance still has a timer");
            Require(!after.OpenTasks.Any(), "an ended instance still has an open task");
        }
        foreach (var message in after.Outbox)
        {
            if (before is null || !before.Outbox.Contains(message))
            {
                Require(_outboxIds.Add(message.Id), $"outbox id {message.Id} was used twice");
                if (message is { Kind: OutboxKinds.Call, CallId: { } callId })
                {
                    _callIds.Add(callId);
                }
            }
        }
    }

    private static string Moment(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
