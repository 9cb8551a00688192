using System.Text.Json.Nodes;
using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

// Stimuli: what happens to an instance from outside (an event, a timer, a task's or child's end, an operator's cancel,
// retry or skip). Each applies itself to the state and says whether it changed anything; Apply then runs the paths.
internal sealed partial class Execution
{
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
        Journal(new(JournalKinds.EventKept, null, null)
        {
            Why = "no wait took it",
            Outcome = $"kept until {Format(keepUntil)}",
            Inputs = Summary(e.Name, e.Data),
        });
    }

    private void Remember(string? eventId)
    {
        if (eventId is not null)
        {
            _state.AppliedEventIds.Add(eventId);
        }
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
                Journal(new(JournalKinds.TimedOut, step, path)
                {
                    Why = $"no {wait.Event} since {Format(wait.Since)}",
                    Outcome = $"→ {timeout.Then}",
                    Inputs = $"after {timeout.After}",
                });
                Goto(path, timeout.Then, $"timeout of '{step.Id}' ({timeout.After}) with no {wait.Event}");
                break;
            default:
                Journal(new(JournalKinds.TimerFired, step, path) { Why = $"due {Format(wait.DueAt!.Value)}", Outcome = "went on" });
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
        Journal(new(JournalKinds.TaskCompleted, step, path)
        {
            Why = $"task {task.Id} completed",
            Outcome = Shorten(completed.Result?.ToJsonString() ?? "no result"),
            Inputs = task.Title,
        });
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
            Journal(new(JournalKinds.ChildCompleted, step, path) { Why = $"call {completed.CallId} ended", Outcome = "failed: " + error });
            Fail(path, step, path.Why, $"the child workflow failed: {error}");
            return true;
        }
        if (step is CallStep { ResultVariable: { } variable })
        {
            _state.Variables[variable] = completed.Result?.DeepClone();
        }
        Journal(new(JournalKinds.ChildCompleted, step, path)
        {
            Why = $"call {completed.CallId} ended",
            Outcome = "went on",
            Inputs = Shorten(completed.Result?.ToJsonString() ?? ""),
        });
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

    /// <summary>
    /// An operator's answer to an open incident (<paramref name="incidentId"/>, or the first open one): the incident is
    /// resolved, and its path, when still parked on it, is retried or skipped by <paramref name="answer"/>.
    /// </summary>
    private bool ApplyAnswer(string? incidentId, string resolution, Action<PathToken, Incident> answer)
    {
        if (OpenIncident(incidentId) is not { } incident)
        {
            return false;
        }
        Resolve(incident, resolution);
        if (FindPath(incident.PathId) is { Status: PathStatus.Incident } path)
        {
            answer(path, incident);
        }
        return true;
    }

    /// <summary>Retry: the parked path runs its step again, from its first attempt.</summary>
    private static void RunAgain(PathToken path, Incident incident)
    {
        path.Status = PathStatus.Ready;
        path.Failures = 0;
        path.Why = $"operator retried incident {incident.Id}";
    }

    /// <summary>Skip: the parked path goes on as if its step had done nothing (a loop parked on itself leaves its frame).</summary>
    private void GoOnPast(PathToken path, Incident incident)
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
}
