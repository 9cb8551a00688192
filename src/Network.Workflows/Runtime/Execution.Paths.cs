using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

// Paths: where a path goes after a step (then, next in the file, back to its do or loop), how frames nest, how a
// branch's end counts towards its parallel's join, and how paths and the instance end or are cancelled.
internal sealed partial class Execution
{
    private const int MaxScopeDepth = 64;

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
        var parallel = path.ParentId is { } parentId && FindPath(parentId) is { } parent ? _definition.Step(parent.StepId) : null;
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

    private static void Push(PathToken path, ScopeFrame frame)
    {
        if (path.Frames.Count >= MaxScopeDepth)
        {
            throw new StepFailureException($"do and loop nested more than {MaxScopeDepth} deep (does a body lead back to its own do or loop?)");
        }
        path.Frames.Add(frame);
    }

    private void EndPath(PathToken path)
    {
        _state.Paths.Remove(path);
        if (path.ParentId is not null && FindPath(path.ParentId) is { Wait: { Kind: WaitKind.Join } join } parent)
        {
            join.EndedBranches.Add(path.Id);
            if (join.EndedBranches.Count >= join.Required)
            {
                var cancelled = join.Branches.Where(b => !join.EndedBranches.Contains(b, StringComparer.Ordinal) && FindPath(b) is not null).ToList();
                var parallel = _definition.Step(parent.StepId);
                Journal(new(JournalKinds.Joined, parallel, parent)
                {
                    Why = $"{join.EndedBranches.Count} of {join.Branches.Count} branches ended",
                    Outcome = cancelled.Count == 0 ? "went on" : $"went on; cancelled {string.Join(", ", cancelled)}",
                });
                foreach (var branch in cancelled)
                {
                    CancelPath(FindPath(branch)!, $"join of '{parent.StepId}' met");
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
            Journal(new(JournalKinds.TaskCancelled, step, path) { Why = why, Outcome = $"task {task.Id} cancelled", Inputs = task.Title });
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
        Journal(new(JournalKinds.PathCancelled, step, path) { Why = why, Outcome = $"path {path.Id} at '{path.StepId}' cancelled" });
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
        Journal(new(kind, step, null)
        {
            Why = reason ?? (status == WorkflowStatus.Completed ? "every path ended" : null),
            Outcome = status.ToString().ToLowerInvariant(),
        });
    }
}
