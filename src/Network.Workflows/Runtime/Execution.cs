using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cronos;
using Network.Workflows.Definitions;
using Network.Workflows.Expressions;
using Network.Workflows.Loading;

namespace Network.Workflows.Runtime;

/// <summary>
/// One interpreter call on one (already copied) state: applies a stimulus, then runs ready paths until every path
/// waits or ends. Activities evaluate everything they need before they change anything, so a step that throws leaves
/// the state as it was (its journal lines are taken back) and is retried or becomes an incident.
/// </summary>
internal sealed class Execution
{
    private const int MaxScopeDepth = 64;
    private const int MaxSummary = 240;

    private static readonly ConditionalWeakTable<WorkflowDefinition, Layout> Layouts = new();

    private readonly WorkflowDefinition _definition;
    private readonly WorkflowInstanceState _state;
    private readonly DateTimeOffset _now;
    private readonly WorkflowRunOptions _options;
    private readonly Layout _layout;
    private int _steps;

    public Execution(WorkflowDefinition definition, WorkflowInstanceState state, DateTimeOffset now, WorkflowRunOptions options)
    {
        _definition = definition;
        _state = state;
        _now = now;
        _options = options;
        _layout = Layouts.GetValue(definition, static d => new Layout(d));
    }

    private ExpressionEvaluator Eval => _options.Evaluator;

    // ---- Entry points -------------------------------------------------------------------------------------------

    public void Start(IEnumerable<EventReceived> pendingEvents)
    {
        Journal(JournalKinds.Started, null, null, "started", $"v{_definition.Version}",
            $"inputs {_state.Inputs.ToJsonString()}; settings {string.Join(", ", _state.Settings.Select(s => $"{s.Key}={s.Value}"))}");
        foreach (var (name, expression) in _definition.Variables)
        {
            try
            {
                _state.Variables[name] = Eval.Evaluate(expression, Scope(null));
            }
            catch (ExpressionException e)
            {
                End(WorkflowStatus.Failed, $"variable '{name}': {e.Message}", null);
                Finish();
                return;
            }
        }
        foreach (var pending in pendingEvents)
        {
            // Handed over at the start, an event with no stated expiry is kept for as long as the instance runs.
            Keep(pending with { KeepUntil = pending.KeepUntil ?? DateTimeOffset.MaxValue });
        }
        if (_definition.Steps.Count == 0)
        {
            End(WorkflowStatus.Completed, null, null);
        }
        else
        {
            _state.Paths.Add(new PathToken { Id = NewId("p"), StepId = _definition.Steps[0].Id, Status = PathStatus.Ready, Why = "first step" });
        }
        Run();
    }

    /// <summary>Applies a stimulus and runs; false when it changed nothing (the caller then keeps the old state).</summary>
    public bool Apply(WorkflowStimulus stimulus)
    {
        if (_state.IsEnded)
        {
            return false;
        }
        var journalBefore = _state.Journal.Count;
        var applied = stimulus switch
        {
            EventReceived e => ApplyEvent(e),
            TimerDue t => ApplyTimer(t.WaitId),
            TimersDue => ApplyDueTimers(),
            TaskCompleted t => ApplyTask(t),
            ChildCompleted c => ApplyChild(c),
            CancelInstance c => ApplyCancel(c.Reason),
            RetryIncident r => ApplyRetry(r.IncidentId),
            SkipIncident s => ApplySkip(s.IncidentId),
            _ => throw new ArgumentException($"unknown stimulus {stimulus.GetType().Name}", nameof(stimulus)),
        };
        if (!applied && _state.Journal.Count == journalBefore)
        {
            return false;
        }
        Run();
        return true;
    }

    // ---- Stimuli ------------------------------------------------------------------------------------------------

    private bool ApplyEvent(EventReceived e)
    {
        if (e.EventId is not null && _state.AppliedEventIds.Contains(e.EventId, StringComparer.Ordinal))
        {
            return false;
        }
        var takers = new List<(PathToken Path, WaitForStep Step)>();
        foreach (var path in _state.Paths.ToList())
        {
            if (path is { Status: PathStatus.Waiting, Wait: { Kind: WaitKind.Event } wait } &&
                string.Equals(wait.Event, e.Name, StringComparison.Ordinal) &&
                _definition.Step(path.StepId) is WaitForStep step &&
                Matches(path, step, e.Name, e.Data))
            {
                takers.Add((path, step));
            }
        }
        if (takers.Count > 0)
        {
            foreach (var (path, step) in takers)
            {
                if (_state.Paths.Contains(path) && path.Status == PathStatus.Waiting)
                {
                    Take(path, step, e.Name, e.Data, "received");
                }
            }
            Remember(e.EventId);
            return true;
        }
        if (e.KeepUntil is { } keepUntil && keepUntil > _now)
        {
            Keep(e);
            return true;
        }
        return false;
    }

    private void Keep(EventReceived e)
    {
        if (e.KeepUntil is not { } keepUntil || keepUntil <= _now ||
            (e.EventId is not null && _state.AppliedEventIds.Contains(e.EventId, StringComparer.Ordinal)))
        {
            return;
        }
        _state.PendingEvents.Add(new PendingEvent
        {
            EventId = e.EventId,
            Name = e.Name,
            Data = e.Data?.DeepClone(),
            ReceivedAt = _now,
            KeepUntil = keepUntil,
        });
        Remember(e.EventId);
        Journal(JournalKinds.EventKept, null, null, "no wait took it", $"kept until {Format(keepUntil)}", Summary(e.Name, e.Data));
    }

    private void Remember(string? eventId)
    {
        if (eventId is not null)
        {
            _state.AppliedEventIds.Add(eventId);
        }
    }

    private bool Matches(PathToken path, WaitForStep step, string name, JsonNode? data)
    {
        if (step.Where is null)
        {
            return true;
        }
        try
        {
            return Eval.IsTrue(step.Where, Scope(path, data ?? new JsonObject()));
        }
        catch (ExpressionException x)
        {
            Journal(JournalKinds.EventRejected, step, path, "its where failed on the event", x.Message, Summary(name, data));
            return false;
        }
    }

    private void Take(PathToken path, WaitForStep step, string name, JsonNode? data, string how)
    {
        path.Event = data?.DeepClone();
        if (step.ResultVariable is { } variable)
        {
            _state.Variables[variable] = data?.DeepClone();
        }
        Journal(JournalKinds.EventReceived, step, path, $"{name} {how}", "went on", Summary(name, data));
        Continue(path, step, $"'{step.Id}' received {name}");
    }

    private bool ApplyTimer(string waitId)
    {
        var path = _state.Paths.FirstOrDefault(p => p.Wait is { DueAt: not null } w && string.Equals(w.Id, waitId, StringComparison.Ordinal));
        if (path is null || path.Wait!.DueAt > _now)
        {
            return false;
        }
        Fire(path);
        return true;
    }

    private bool ApplyDueTimers()
    {
        var any = false;
        while (!_state.IsEnded)
        {
            PathToken? earliest = null;
            foreach (var path in _state.Paths)
            {
                if (path.Wait?.DueAt is { } due && due <= _now && (earliest is null || due < earliest.Wait!.DueAt))
                {
                    earliest = path;
                }
            }
            if (earliest is null)
            {
                break;
            }
            Fire(earliest);
            Run();
            any = true;
        }
        return any;
    }

    private void Fire(PathToken path)
    {
        var wait = path.Wait!;
        var step = _definition.Step(path.StepId);
        switch (wait.Kind)
        {
            case WaitKind.Retry:
                path.Wait = null;
                path.Status = PathStatus.Ready;
                break;
            case WaitKind.Event when step is WaitForStep { Timeout: { } timeout }:
                Journal(JournalKinds.TimedOut, step, path, $"no {wait.Event} since {Format(wait.Since)}", $"→ {timeout.Then}", $"after {timeout.After}");
                Goto(path, timeout.Then, $"timeout of '{step.Id}' ({timeout.After}) with no {wait.Event}");
                break;
            default:
                Journal(JournalKinds.TimerFired, step, path, $"due {Format(wait.DueAt!.Value)}", "went on", null);
                if (step is null)
                {
                    EndPath(path);
                }
                else
                {
                    Continue(path, step, $"timer '{step.Id}' fired");
                }
                break;
        }
    }

    private bool ApplyTask(TaskCompleted completed)
    {
        var task = _state.Tasks.FirstOrDefault(t => t.Status == HumanTaskStatus.Open && string.Equals(t.Id, completed.TaskId, StringComparison.Ordinal));
        if (task is null)
        {
            return false;
        }
        task.Status = HumanTaskStatus.Completed;
        task.ClosedAt = _now;
        task.Result = completed.Result?.DeepClone();
        var path = _state.Paths.FirstOrDefault(p => p.Wait is { Kind: WaitKind.Task } w && string.Equals(w.TaskId, task.Id, StringComparison.Ordinal));
        var step = path is null ? null : _definition.Step(path.StepId);
        Journal(JournalKinds.TaskCompleted, step, path, $"task {task.Id} completed", Shorten(completed.Result?.ToJsonString() ?? "no result"), task.Title);
        if (path is not null && step is not null)
        {
            if (step is TaskStep { ResultVariable: { } variable })
            {
                _state.Variables[variable] = completed.Result?.DeepClone();
            }
            Continue(path, step, $"task '{step.Id}' completed");
        }
        return true;
    }

    private bool ApplyChild(ChildCompleted completed)
    {
        var path = _state.Paths.FirstOrDefault(p => p.Wait is { Kind: WaitKind.Child } w && string.Equals(w.CallId, completed.CallId, StringComparison.Ordinal));
        if (path is null || _definition.Step(path.StepId) is not { } step)
        {
            return false;
        }
        path.Wait = null;
        if (completed.Error is { } error)
        {
            Journal(JournalKinds.ChildCompleted, step, path, $"call {completed.CallId} ended", "failed: " + error, null);
            Fail(path, step, path.Why, $"the child workflow failed: {error}");
            return true;
        }
        if (step is CallStep { ResultVariable: { } variable })
        {
            _state.Variables[variable] = completed.Result?.DeepClone();
        }
        Journal(JournalKinds.ChildCompleted, step, path, $"call {completed.CallId} ended", "went on", Shorten(completed.Result?.ToJsonString() ?? ""));
        Continue(path, step, $"child of '{step.Id}' completed");
        return true;
    }

    private bool ApplyCancel(string? reason)
    {
        foreach (var incident in _state.Incidents.Where(i => i.Resolution is null))
        {
            incident.Resolution = "cancelled";
            incident.ResolvedAt = _now;
        }
        End(WorkflowStatus.Cancelled, reason ?? "cancelled", null);
        return true;
    }

    private bool ApplyRetry(string? incidentId)
    {
        if (OpenIncident(incidentId) is not { } incident)
        {
            return false;
        }
        Resolve(incident, "retried");
        if (Path(incident.PathId) is { Status: PathStatus.Incident } path)
        {
            path.Status = PathStatus.Ready;
            path.Failures = 0;
            path.Why = $"operator retried incident {incident.Id}";
        }
        return true;
    }

    private bool ApplySkip(string? incidentId)
    {
        if (OpenIncident(incidentId) is not { } incident)
        {
            return false;
        }
        Resolve(incident, "skipped");
        if (Path(incident.PathId) is { Status: PathStatus.Incident } path)
        {
            path.Failures = 0;
            var step = _definition.Step(path.StepId);
            if (step is LoopStep && path.Frames.Count > 0 && path.Frames[^1].StepId == step.Id)
            {
                path.Frames.RemoveAt(path.Frames.Count - 1);
            }
            if (step is null)
            {
                EndPath(path);
            }
            else
            {
                Continue(path, step, $"operator skipped '{step.Id}' (incident {incident.Id})");
            }
        }
        return true;
    }

    private Incident? OpenIncident(string? id) => _state.Incidents.FirstOrDefault(i =>
        i.Resolution is null && (id is null || string.Equals(i.Id, id, StringComparison.Ordinal)));

    private void Resolve(Incident incident, string resolution)
    {
        incident.Resolution = resolution;
        incident.ResolvedAt = _now;
        Journal(JournalKinds.IncidentResolved, _definition.Step(incident.StepId), Path(incident.PathId), $"operator {resolution} incident {incident.Id}", resolution, incident.Error);
    }

    // ---- Running ------------------------------------------------------------------------------------------------

    private void Run()
    {
        while (!_state.IsEnded)
        {
            var path = _state.Paths.FirstOrDefault(p => p.Status == PathStatus.Ready);
            if (path is null)
            {
                break;
            }
            if (++_steps > _options.MaxStepsPerCall)
            {
                path.Failures++;
                RaiseIncident(path, _definition.Step(path.StepId),
                    $"more than {_options.MaxStepsPerCall} steps ran without every path waiting (a loop with no wait?)");
                continue;
            }
            Execute(path);
        }
        Finish();
    }

    private void Execute(PathToken path)
    {
        var step = _definition.Step(path.StepId);
        if (step is null)
        {
            path.Failures++;
            RaiseIncident(path, null, $"the definition has no step '{path.StepId}'");
            return;
        }
        var why = path.Why;
        var mark = _state.Journal.Count;
        try
        {
            CheckTargets(step);
            var (inputs, outcome) = step switch
            {
                SequenceStep s => Sequence(path, s),
                IfStep s => If(path, s),
                SwitchStep s => Switch(path, s),
                ParallelStep s => Parallel(path, s),
                WaitForStep s => WaitFor(path, s),
                TimerStep s => Timer(path, s),
                SetStep s => Set(path, s),
                PublishStep s => Publish(path, s),
                NotifyStep s => Notify(path, s),
                EscalateStep s => Escalate(path, s),
                TaskStep s => Task(path, s),
                CallStep s => Call(path, s),
                LoopStep s => Loop(path, s),
                EndStep => EndHere(path),
                FailStep s => FailHere(path, s),
                _ => throw new StepFailureException($"the engine does not know the activity '{step.Activity}'"),
            };
            _state.Journal.Insert(mark, Entry(JournalKinds.StepStarted, step, path, why, outcome, inputs));
            for (var i = mark; i < _state.Journal.Count; i++)
            {
                _state.Journal[i] = _state.Journal[i] with { Seq = _state.JournalStored + i + 1 };
            }
        }
        catch (Exception e) when (e is ExpressionException or StepFailureException)
        {
            _state.Journal.RemoveRange(mark, _state.Journal.Count - mark);
            Fail(path, step, why, e.Message);
        }
    }

    private void CheckTargets(StepDefinition step)
    {
        foreach (var (target, _) in step.Transitions())
        {
            if (!IsEnd(target) && !_layout.Positions.ContainsKey(target))
            {
                throw new StepFailureException($"'{step.Id}' leads to '{target}', which is not a step of {_definition.Id}");
            }
        }
    }

    private void Fail(PathToken path, StepDefinition? step, string? why, string error)
    {
        path.Failures++;
        var attempts = path.Failures;
        Journal(JournalKinds.StepStarted, step, path, why, "failed: " + error, null);
        if (step?.Retry is { } policy && attempts < policy.Attempts)
        {
            var factor = Math.Pow(policy.Backoff <= 0 ? 1 : policy.Backoff, attempts - 1);
            var ticks = Math.Min(policy.FirstDelay.Ticks * factor, TimeSpan.FromDays(365).Ticks);
            var due = _now + TimeSpan.FromTicks((long)Math.Max(0, ticks));
            path.Status = PathStatus.Waiting;
            path.Wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Retry, Since = _now, DueAt = due };
            path.Why = $"attempt {attempts + 1} of {policy.Attempts} (after: {Shorten(error)})";
            Journal(JournalKinds.RetryScheduled, step, path, "the step failed", $"attempt {attempts + 1} of {policy.Attempts} at {Format(due)}", error);
        }
        else
        {
            RaiseIncident(path, step, error);
        }
    }

    private void RaiseIncident(PathToken path, StepDefinition? step, string error)
    {
        path.Status = PathStatus.Incident;
        path.Wait = null;
        var incident = new Incident
        {
            Id = NewId("i"),
            PathId = path.Id,
            StepId = path.StepId,
            Activity = step?.Activity ?? "",
            Error = error,
            Attempts = Math.Max(1, path.Failures),
            OpenedAt = _now,
        };
        _state.Incidents.Add(incident);
        Journal(JournalKinds.Incident, step, path, $"failed {incident.Attempts} time(s)", $"incident {incident.Id}: retry, skip or cancel", error);
    }

    private void Finish()
    {
        for (var i = _state.PendingEvents.Count - 1; i >= 0; i--)
        {
            var pending = _state.PendingEvents[i];
            if (pending.KeepUntil <= _now)
            {
                _state.PendingEvents.RemoveAt(i);
                Journal(JournalKinds.EventExpired, null, null, $"kept since {Format(pending.ReceivedAt)}", $"expired at {Format(pending.KeepUntil)}", Summary(pending.Name, pending.Data));
            }
        }
        foreach (var path in _state.Paths)
        {
            if (path is { Status: PathStatus.Waiting, Wait.Kind: WaitKind.Event } && _definition.Step(path.StepId) is WaitForStep step)
            {
                path.Wait.Correlation = Correlate(path, step);
            }
        }
        if (!_state.IsEnded)
        {
            _state.Status = _state.Incidents.Any(i => i.Resolution is null) ? WorkflowStatus.Incident
                : _state.Paths.Any(p => p.Status == PathStatus.Ready) ? WorkflowStatus.Running
                : WorkflowStatus.Waiting;
        }
        _state.UpdatedAt = _now;
    }

    // ---- Transitions --------------------------------------------------------------------------------------------

    private static bool IsEnd(string? target) => string.Equals(target, "end", StringComparison.Ordinal);

    /// <summary>Goes on from a step that is done: to its <c>then</c>, or (without one) to what comes next.</summary>
    private void Continue(PathToken path, StepDefinition step, string why)
    {
        if (step.Then is not null)
        {
            Goto(path, step.Then, why);
        }
        else
        {
            Next(path, step, why);
        }
    }

    private void Goto(PathToken path, string target, string why)
    {
        if (IsEnd(target))
        {
            EndPath(path);
            return;
        }
        path.StepId = target;
        path.Status = PathStatus.Ready;
        path.Wait = null;
        path.Why = why;
        path.Failures = 0;
    }

    /// <summary>
    /// A step without <c>then</c> is done. Inside a <c>do</c> element or a <c>loop</c> body, that element or turn is
    /// done: the <c>do</c> runs its next element, the loop its next turn. Otherwise (the main path, a branch) the path
    /// goes on to the next step in the file, but never falls into a body: when the next step begins a body (a
    /// <c>do</c> element, a <c>parallel</c> branch or a <c>loop</c> body), or is where the branch's
    /// <c>parallel</c> goes on to, or there is none, the path ends. So a branch is the steps laid out from its first
    /// step, and a single-step branch needs no <c>then: end</c>.
    /// </summary>
    private void Next(PathToken path, StepDefinition step, string why)
    {
        if (path.Frames.Count > 0)
        {
            ReturnToScope(path, why);
            return;
        }
        var next = _layout.After(step.Id);
        var parallel = path.ParentId is { } parentId && Path(parentId) is { } parent ? _definition.Step(parent.StepId) : null;
        var continuation = parallel is null ? null : parallel.Then ?? _layout.After(parallel.Id);
        if (next is not null && !_layout.BodyRoots.Contains(next) && !string.Equals(next, continuation, StringComparison.Ordinal))
        {
            Goto(path, next, $"{why} (next in the file)");
        }
        else
        {
            EndPath(path);
        }
    }

    private void ReturnToScope(PathToken path, string why)
    {
        var frame = path.Frames[^1];
        var container = _definition.Step(frame.StepId);
        if (frame.Kind == ScopeKind.Loop && container is LoopStep)
        {
            path.StepId = frame.StepId;
            path.Status = PathStatus.Ready;
            path.Wait = null;
            path.Failures = 0;
            path.Why = $"turn {frame.Iteration} of loop '{frame.StepId}' ended";
            return;
        }
        if (container is SequenceStep sequence && frame.Index + 1 < sequence.Steps.Count)
        {
            frame.Index++;
            Goto(path, sequence.Steps[frame.Index], $"step {frame.Index + 1} of do '{sequence.Id}'");
            return;
        }
        path.Frames.RemoveAt(path.Frames.Count - 1);
        if (container is null)
        {
            Next(path, new EndStep(frame.StepId, SourceSpan.None), why);
        }
        else
        {
            Continue(path, container, $"do '{container.Id}' finished");
        }
    }

    private void EndPath(PathToken path)
    {
        _state.Paths.Remove(path);
        if (path.ParentId is not null && Path(path.ParentId) is { Wait: { Kind: WaitKind.Join } join } parent)
        {
            join.EndedBranches.Add(path.Id);
            if (join.EndedBranches.Count >= join.Required)
            {
                var cancelled = join.Branches.Where(b => !join.EndedBranches.Contains(b, StringComparer.Ordinal) && Path(b) is not null).ToList();
                var parallel = _definition.Step(parent.StepId);
                Journal(JournalKinds.Joined, parallel, parent, $"{join.EndedBranches.Count} of {join.Branches.Count} branches ended",
                    cancelled.Count == 0 ? "went on" : $"went on; cancelled {string.Join(", ", cancelled)}", null);
                foreach (var branch in cancelled)
                {
                    CancelPath(Path(branch)!, $"join of '{parent.StepId}' met");
                }
                if (parallel is null)
                {
                    EndPath(parent);
                }
                else
                {
                    Continue(parent, parallel, $"join of '{parallel.Id}' met");
                }
            }
        }
        if (_state.Paths.Count == 0 && !_state.IsEnded)
        {
            End(WorkflowStatus.Completed, null, null);
        }
    }

    private void CancelPath(PathToken path, string why)
    {
        foreach (var child in _state.Paths.Where(p => string.Equals(p.ParentId, path.Id, StringComparison.Ordinal)).ToList())
        {
            CancelPath(child, why);
        }
        var step = _definition.Step(path.StepId);
        foreach (var task in _state.Tasks.Where(t => t.Status == HumanTaskStatus.Open && string.Equals(t.PathId, path.Id, StringComparison.Ordinal)))
        {
            task.Status = HumanTaskStatus.Cancelled;
            task.ClosedAt = _now;
            Journal(JournalKinds.TaskCancelled, step, path, why, $"task {task.Id} cancelled", task.Title);
        }
        if (path.Wait is { Kind: WaitKind.Child, CallId: { } callId })
        {
            AddToOutbox(OutboxKinds.CancelCall, step, (step as CallStep)?.Workflow, null, null, callId);
        }
        foreach (var incident in _state.Incidents.Where(i => i.Resolution is null && string.Equals(i.PathId, path.Id, StringComparison.Ordinal)))
        {
            incident.Resolution = "cancelled";
            incident.ResolvedAt = _now;
        }
        _state.Paths.Remove(path);
        Journal(JournalKinds.PathCancelled, step, path, why, $"path {path.Id} at '{path.StepId}' cancelled", null);
    }

    private void End(WorkflowStatus status, string? reason, StepDefinition? step)
    {
        foreach (var path in _state.Paths.Where(p => p.ParentId is null).ToList())
        {
            if (_state.Paths.Contains(path))
            {
                CancelPath(path, status == WorkflowStatus.Cancelled ? "the instance was cancelled" : "the instance ended");
            }
        }
        _state.Paths.Clear();
        _state.Status = status;
        _state.Reason = reason;
        _state.EndedAt = _now;
        var kind = status switch
        {
            WorkflowStatus.Failed => JournalKinds.Failed,
            WorkflowStatus.Cancelled => JournalKinds.Cancelled,
            _ => JournalKinds.Completed,
        };
        Journal(kind, step, null, reason ?? (status == WorkflowStatus.Completed ? "every path ended" : null), status.ToString().ToLowerInvariant(), null);
    }

    // ---- Activities: each returns (summary of inputs, outcome) for its step-started line --------------------------

    private (string?, string) Sequence(PathToken path, SequenceStep step)
    {
        if (step.Steps.Count == 0)
        {
            Continue(path, step, $"empty do '{step.Id}'");
            return (null, "nothing to do");
        }
        Push(path, new ScopeFrame { StepId = step.Id, Kind = ScopeKind.Sequence });
        Goto(path, step.Steps[0], $"step 1 of do '{step.Id}'");
        return (string.Join(", ", step.Steps), $"starts with {step.Steps[0]}");
    }

    private (string?, string) If(PathToken path, IfStep step)
    {
        if (Eval.IsTrue(step.Condition, Scope(path)))
        {
            Goto(path, step.IfTrue, $"condition of '{step.Id}' held");
            return (step.Condition.Source, $"true → {step.IfTrue}");
        }
        if (step.IfFalse is not null)
        {
            Goto(path, step.IfFalse, $"condition of '{step.Id}' did not hold");
            return (step.Condition.Source, $"false → {step.IfFalse}");
        }
        Continue(path, step, $"condition of '{step.Id}' did not hold");
        return (step.Condition.Source, "false → on");
    }

    private (string?, string) Switch(PathToken path, SwitchStep step)
    {
        var scope = Scope(path);
        for (var i = 0; i < step.Cases.Count; i++)
        {
            if (Eval.IsTrue(step.Cases[i].When, scope))
            {
                Goto(path, step.Cases[i].Then, $"case {i + 1} of '{step.Id}' held ({step.Cases[i].When.Source})");
                return (step.Cases[i].When.Source, $"case {i + 1} → {step.Cases[i].Then}");
            }
        }
        if (step.Default is not null)
        {
            Goto(path, step.Default, $"no case of '{step.Id}' held");
            return (null, $"default → {step.Default}");
        }
        Continue(path, step, $"no case of '{step.Id}' held");
        return (null, "no case → on");
    }

    private (string?, string) Parallel(PathToken path, ParallelStep step)
    {
        if (step.Branches.Count == 0)
        {
            Continue(path, step, $"parallel '{step.Id}' has no branches");
            return (null, "no branches");
        }
        var required = step.Join.Kind switch
        {
            JoinKind.All => step.Branches.Count,
            JoinKind.Any => 1,
            _ => Math.Clamp(step.Join.Count, 1, step.Branches.Count),
        };
        var wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Join, Since = _now, Required = required };
        var index = _state.Paths.IndexOf(path);
        for (var i = 0; i < step.Branches.Count; i++)
        {
            var branch = new PathToken
            {
                Id = NewId("p"),
                ParentId = path.Id,
                StepId = step.Branches[i],
                Status = PathStatus.Ready,
                Why = $"branch {i + 1} of parallel '{step.Id}'",
                Event = path.Event?.DeepClone(),
            };
            wait.Branches.Add(branch.Id);
            _state.Paths.Insert(index + 1 + i, branch);
        }
        path.Status = PathStatus.Waiting;
        path.Wait = wait;
        var join = step.Join.Kind switch
        {
            JoinKind.All => "all",
            JoinKind.Any => "any",
            _ => $"{required} of {step.Branches.Count}",
        };
        Journal(JournalKinds.Waiting, step, path, "branches started", $"for {join} of {string.Join(", ", wait.Branches)}", null);
        return (string.Join(", ", step.Branches), $"started {step.Branches.Count} branches, join {join}");
    }

    private (string?, string) WaitFor(PathToken path, WaitForStep step)
    {
        var inputs = step.Where is null ? step.Event : $"{step.Event} where {step.Where.Source}";
        // An event kept from before this wait existed is taken first, oldest first.
        foreach (var pending in _state.PendingEvents.ToList())
        {
            if (pending.KeepUntil > _now && string.Equals(pending.Name, step.Event, StringComparison.Ordinal) &&
                Matches(path, step, pending.Name, pending.Data))
            {
                _state.PendingEvents.Remove(pending);
                Take(path, step, pending.Name, pending.Data, $"kept since {Format(pending.ReceivedAt)}");
                return (inputs, $"took {step.Event} kept since {Format(pending.ReceivedAt)}");
            }
        }
        var due = step.Timeout is null ? (DateTimeOffset?)null : Eval.Duration(step.Timeout.After, Scope(path)).AddTo(_now);
        var correlation = Correlate(path, step);
        if (due is { } d && d <= _now)
        {
            Journal(JournalKinds.TimedOut, step, path, "the timeout is already over", $"→ {step.Timeout!.Then}", $"after {step.Timeout.After}");
            Goto(path, step.Timeout.Then, $"timeout of '{step.Id}' ({step.Timeout.After}) already over");
            return (inputs, $"timed out at once → {step.Timeout.Then}");
        }
        path.Status = PathStatus.Waiting;
        path.Wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Event, Since = _now, DueAt = due, Event = step.Event, Correlation = correlation };
        var outcome = $"for {step.Event}" +
            (correlation.Count == 0 ? "" : " with " + string.Join(", ", correlation.Select(c => $"{c.Key}={c.Value}"))) +
            (due is null ? "" : $" until {Format(due.Value)}, then {step.Timeout!.Then}");
        Journal(JournalKinds.Waiting, step, path, "wait-for", outcome, inputs);
        return (inputs, "waiting " + outcome);
    }

    private Dictionary<string, string> Correlate(PathToken path, WaitForStep step)
    {
        var correlation = new Dictionary<string, string>(StringComparer.Ordinal);
        if (step.Where is null)
        {
            return correlation;
        }
        foreach (var term in CorrelationReader.Read(step.Where.Source))
        {
            try
            {
                if (JsonValues.CorrelationKey(Eval.Evaluate(term.Expression, Scope(path) with { Event = null })) is { } key)
                {
                    correlation[term.Field] = key;
                }
            }
            catch (ExpressionException)
            {
                // Not indexable by this field; the where still decides.
            }
        }
        return correlation;
    }

    private (string?, string) Timer(PathToken path, TimerStep step)
    {
        string inputs;
        DateTimeOffset due;
        if (step.After is not null)
        {
            inputs = $"after {step.After.Source}";
            due = Eval.Duration(step.After, Scope(path)).AddTo(_now);
        }
        else if (step.Until is not null)
        {
            inputs = $"until {step.Until.Source}";
            due = Eval.Moment(step.Until, Scope(path));
        }
        else if (step.Cron is not null)
        {
            inputs = $"cron {step.Cron}";
            due = NextOccurrence(step.Cron) ?? throw new StepFailureException($"the cron '{step.Cron}' has no next occurrence");
        }
        else
        {
            throw new StepFailureException($"timer '{step.Id}' has none of after, until and cron");
        }
        if (due <= _now)
        {
            Journal(JournalKinds.TimerFired, step, path, $"due {Format(due)}, already past", "went on", inputs);
            Continue(path, step, $"timer '{step.Id}' was already due");
            return (inputs, $"already due ({Format(due)})");
        }
        path.Status = PathStatus.Waiting;
        path.Wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Timer, Since = _now, DueAt = due };
        Journal(JournalKinds.Waiting, step, path, "timer", $"until {Format(due)}", inputs);
        return (inputs, $"waiting until {Format(due)}");
    }

    private DateTimeOffset? NextOccurrence(string cron)
    {
        try
        {
            return CronExpression.Parse(cron, CronFormat.Standard).GetNextOccurrence(_now, TimeZoneInfo.Utc);
        }
        catch (CronFormatException e)
        {
            throw new StepFailureException($"the cron '{cron}' is not valid: {e.Message}");
        }
    }

    private (string?, string) Set(PathToken path, SetStep step)
    {
        var variables = (JsonObject)_state.Variables.DeepClone();
        var scope = Scope(path);
        var changes = new List<string>();
        foreach (var (name, expression) in step.Values)
        {
            var value = Eval.Evaluate(expression, scope with { Vars = variables });
            variables[name] = value;
            changes.Add($"{name} = {value?.ToJsonString() ?? "null"}");
        }
        var before = JsonValues.CorrelationKey(_state.Variables["status"]);
        _state.Variables = variables;
        var after = JsonValues.CorrelationKey(variables["status"]);
        if (step.Values.ContainsKey("status") && after is not null && !string.Equals(before, after, StringComparison.Ordinal))
        {
            Journal(JournalKinds.StatusChanged, step, path, $"'{step.Id}' set status", after, before is null ? null : $"was {before}");
        }
        Continue(path, step, $"after '{step.Id}'");
        return (string.Join(", ", step.Values.Keys), string.Join("; ", changes));
    }

    private (string?, string) Publish(PathToken path, PublishStep step)
    {
        var data = Evaluate(step.Data, Scope(path));
        var message = AddToOutbox(OutboxKinds.Event, step, step.Event, null, data, null);
        Journal(JournalKinds.Published, step, path, "publish", $"{step.Event} as message {message.Id}", Shorten(data.ToJsonString()));
        Continue(path, step, $"after '{step.Id}'");
        return (step.Event, $"published {step.Event}");
    }

    private (string?, string) Notify(PathToken path, NotifyStep step)
    {
        var text = Eval.Text(step.Message, Scope(path));
        var data = new JsonObject { ["message"] = text };
        if (step.Contacts is { } contacts)
        {
            // Who of the tenants' people get it by e-mail (the domain's notification delivery reads it).
            data["contacts"] = contacts;
        }
        AddToOutbox(OutboxKinds.Notification, step, null, step.To, data, null);
        var whom = step.Contacts is null ? step.To : $"{step.To} ({step.Contacts})";
        Journal(JournalKinds.Notified, step, path, "notify", $"to {whom}: {text}", step.Message.Source);
        Continue(path, step, $"after '{step.Id}'");
        return ($"to {step.To}", $"notified {step.To}");
    }

    private (string?, string) Escalate(PathToken path, EscalateStep step)
    {
        var text = step.Message is null ? $"Escalation level {step.Level}" : Eval.Text(step.Message, Scope(path));
        AddToOutbox(OutboxKinds.Escalation, step, null, step.To, new JsonObject { ["level"] = step.Level, ["message"] = text }, null);
        Journal(JournalKinds.Escalated, step, path, "escalate", $"level {step.Level} to {step.To}: {text}", step.Message?.Source);
        Continue(path, step, $"after '{step.Id}'");
        return ($"level {step.Level} to {step.To}", $"escalated to {step.To}");
    }

    private (string?, string) Task(PathToken path, TaskStep step)
    {
        var scope = Scope(path);
        var title = Eval.Text(step.Title, scope);
        DateTimeOffset? due = step.Due is null ? null : Eval.Moment(step.Due, scope);
        var task = new HumanTask
        {
            Id = NewId("t"),
            StepId = step.Id,
            PathId = path.Id,
            AssignedTo = step.AssignTo,
            Title = title,
            DueAt = due,
            CreatedAt = _now,
            Status = HumanTaskStatus.Open,
        };
        _state.Tasks.Add(task);
        AddToOutbox(OutboxKinds.Task, step, null, step.AssignTo,
            new JsonObject { ["taskId"] = task.Id, ["title"] = title, ["dueAt"] = due is null ? null : Format(due.Value) }, null);
        path.Status = PathStatus.Waiting;
        path.Wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Task, Since = _now, TaskId = task.Id };
        var outcome = $"task {task.Id} to {step.AssignTo}: {title}" + (due is null ? "" : $", due {Format(due.Value)}");
        Journal(JournalKinds.TaskAssigned, step, path, "task", outcome, step.Title.Source);
        return ($"to {step.AssignTo}", "waiting for " + outcome);
    }

    private (string?, string) Call(PathToken path, CallStep step)
    {
        var inputs = Evaluate(step.Inputs, Scope(path));
        var callId = NewId("c");
        AddToOutbox(OutboxKinds.Call, step, step.Workflow, null, inputs, callId);
        path.Status = PathStatus.Waiting;
        path.Wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Child, Since = _now, CallId = callId };
        // The child's id in the line, so it is found from here however deep the calls go (see ChildInstanceIds).
        Journal(JournalKinds.ChildStarted, step, path, "call",
            $"call {callId}: {step.Workflow} (instance {ChildInstanceIds.For(_state.InstanceId, callId)})", Shorten(inputs.ToJsonString()));
        return (step.Workflow, $"waiting for {step.Workflow} (call {callId})");
    }

    private (string?, string) Loop(PathToken path, LoopStep step)
    {
        // Back at the loop with its frame on top: the body's turn ended (whether the body just ended, or led back here by then).
        var turning = path.Frames.Count > 0 && path.Frames[^1] is { Kind: ScopeKind.Loop } top && top.StepId == step.Id;
        var done = turning ? path.Frames[^1].Iteration : 0;
        var max = step.Max ?? _options.DefaultLoopMax;
        var holds = step.While is null || Eval.IsTrue(step.While, Scope(path));
        var inputs = step.While is null ? $"max {max}" : $"while {step.While.Source}, max {max}";
        if (holds && done < max)
        {
            if (turning)
            {
                path.Frames[^1].Iteration = done + 1;
            }
            else
            {
                Push(path, new ScopeFrame { StepId = step.Id, Kind = ScopeKind.Loop, Iteration = 1 });
            }
            Goto(path, step.Body, $"turn {done + 1} of loop '{step.Id}'");
            return (inputs, $"turn {done + 1} of at most {max}: {step.Body}");
        }
        if (turning)
        {
            path.Frames.RemoveAt(path.Frames.Count - 1);
        }
        if (holds && step.While is not null)
        {
            Journal(JournalKinds.LoopLimit, step, path, $"{done} turns made", "left the loop at its max", inputs);
        }
        Continue(path, step, $"loop '{step.Id}' ended after {done} turn(s)");
        return (inputs, holds ? $"max of {max} reached → on" : $"condition false after {done} turn(s) → on");
    }

    private (string?, string) EndHere(PathToken path)
    {
        EndPath(path);
        return (null, "path ended");
    }

    private (string?, string) FailHere(PathToken path, FailStep step)
    {
        var reason = Eval.Text(step.Reason, Scope(path));
        End(WorkflowStatus.Failed, reason, step);
        return (step.Reason.Source, "failed: " + reason);
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    private static void Push(PathToken path, ScopeFrame frame)
    {
        if (path.Frames.Count >= MaxScopeDepth)
        {
            throw new StepFailureException($"do and loop nested more than {MaxScopeDepth} deep (does a body lead back to its own do or loop?)");
        }
        path.Frames.Add(frame);
    }

    private JsonObject Evaluate(IReadOnlyDictionary<string, Expression> fields, ExpressionScope scope)
    {
        var result = new JsonObject();
        foreach (var (name, expression) in fields)
        {
            result[name] = Eval.Evaluate(expression, scope);
        }
        return result;
    }

    private ExpressionScope Scope(PathToken? path, JsonNode? eventData = null) =>
        new(_state.Inputs, _state.Variables, _state.Settings, eventData ?? path?.Event, _now);

    private PathToken? Path(string id) => _state.Paths.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    private string NewId(string prefix) => prefix + (++_state.LastId).ToString(CultureInfo.InvariantCulture);

    private OutboxMessage AddToOutbox(string kind, StepDefinition? step, string? name, string? to, JsonNode? data, string? callId)
    {
        var message = new OutboxMessage
        {
            Id = $"{_state.InstanceId}/{NewId("m")}",
            Kind = kind,
            Name = name,
            To = to,
            Data = data,
            CallId = callId,
            StepId = step?.Id ?? "",
            At = _now,
        };
        _state.Outbox.Add(message);
        return message;
    }

    private void Journal(string kind, StepDefinition? step, PathToken? path, string? why, string? outcome, string? inputs) =>
        _state.Journal.Add(Entry(kind, step, path, why, outcome, inputs));

    private JournalEntry Entry(string kind, StepDefinition? step, PathToken? path, string? why, string? outcome, string? inputs) => new()
    {
        Seq = _state.NextJournalSeq,
        At = _now,
        Kind = kind,
        StepId = step?.Id ?? path?.StepId,
        Activity = step?.Activity,
        PathId = path?.Id,
        Why = why is null ? null : Shorten(why),
        Outcome = outcome is null ? null : Shorten(outcome),
        Inputs = inputs is null ? null : Shorten(inputs),
        // The request or message being handled, so a line can be traced back to what caused it.
        TraceId = System.Diagnostics.Activity.Current is { } activity ? activity.TraceId.ToHexString() : null,
    };

    private static string Summary(string name, JsonNode? data) => Shorten($"{name} {data?.ToJsonString() ?? "{}"}");

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= MaxSummary ? text : text[..(MaxSummary - 3)] + "...";
    }

    private static string Format(DateTimeOffset moment) => ExpressionEvaluator.FormatMoment(moment);
}

/// <summary>A step cannot run for a reason other than an expression (a dangling transition, an invalid cron, …).</summary>
internal sealed class StepFailureException : Exception
{
    public StepFailureException()
    {
    }

    public StepFailureException(string message)
        : base(message)
    {
    }

    public StepFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>What the interpreter needs to know of a definition's layout, computed once per definition.</summary>
internal sealed class Layout
{
    public Layout(WorkflowDefinition definition)
    {
        Steps = definition.Steps;
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            Positions.TryAdd(definition.Steps[i].Id, i);
            switch (definition.Steps[i])
            {
                case SequenceStep sequence:
                    BodyRoots.UnionWith(sequence.Steps);
                    break;
                case ParallelStep parallel:
                    BodyRoots.UnionWith(parallel.Branches);
                    break;
                case LoopStep loop:
                    BodyRoots.Add(loop.Body);
                    break;
            }
        }
    }

    public IReadOnlyList<StepDefinition> Steps { get; }

    public Dictionary<string, int> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>The steps a <c>do</c>, <c>parallel</c> or <c>loop</c> names as where a body begins.</summary>
    public HashSet<string> BodyRoots { get; } = new(StringComparer.Ordinal);

    /// <summary>The id of the step after <paramref name="stepId"/> in the file; null after the last.</summary>
    public string? After(string stepId) =>
        Positions.TryGetValue(stepId, out var position) && position + 1 < Steps.Count ? Steps[position + 1].Id : null;
}
