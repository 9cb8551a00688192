using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime.Migration;

/// <summary>
/// Moves every step id a (copied) state refers to onto the target version: each path's step and scopes, open tasks,
/// open incidents and outbox messages not yet acknowledged. Closed tasks, resolved incidents and the journal are
/// history and keep the ids of the version they happened in. Waits are left as they are: their ids, due moments,
/// correlation and branches are what the host's timers and index, and the interpreter, know them by.
/// </summary>
internal sealed class StepRemapper(WorkflowDefinition from, StepMap map, List<MigrationError> errors)
{
    public void Remap(WorkflowInstanceState state)
    {
        foreach (var path in state.Paths)
        {
            RemapPath(path);
        }
        foreach (var task in state.OpenTasks)
        {
            // The task's path waits at the same step and is checked there; here the task only follows it.
            if (map.Map(task.StepId, $"open task {task.Id} belongs to it") is { } target)
            {
                task.StepId = target.Id;
            }
        }
        foreach (var incident in state.OpenIncidents)
        {
            if (map.Map(incident.StepId, $"open incident {incident.Id} is about it") is { } target)
            {
                incident.StepId = target.Id;
            }
        }
        for (var i = 0; i < state.Outbox.Count; i++)
        {
            var message = state.Outbox[i];
            // A message made outside any step (none is, today) has no step to map.
            if (message.StepId.Length > 0 && map.Map(message.StepId, $"outbox message {message.Id} is not yet acknowledged") is { } target)
            {
                state.Outbox[i] = message with { StepId = target.Id };
            }
        }
    }

    private void RemapPath(PathToken path)
    {
        // Outermost scope first, so that the errors read in the order of the path's nesting.
        foreach (var frame in path.Frames)
        {
            RemapFrame(path, frame);
        }
        if (map.Map(path.StepId, $"path {path.Id} is at it") is not { } target)
        {
            return;
        }
        if (StepCompatibility.ForPath(path, from.Step(path.StepId), target) is { } problem)
        {
            errors.Add(new MigrationError(MigrationErrorCodes.IncompatibleStep, path.StepId, problem));
        }
        path.StepId = target.Id;
    }

    private void RemapFrame(PathToken path, ScopeFrame frame)
    {
        if (map.Map(frame.StepId, $"path {path.Id} is inside it") is not { } target)
        {
            return;
        }
        if (StepCompatibility.ForFrame(path, frame, target) is { } problem)
        {
            errors.Add(new MigrationError(MigrationErrorCodes.IncompatibleStep, frame.StepId, problem));
        }
        else if (frame.Kind == ScopeKind.Sequence && target is SequenceStep to && from.Step(frame.StepId) is SequenceStep was &&
                 frame.Index < was.Steps.Count)
        {
            RemapPosition(path, frame, was, to);
        }
        frame.StepId = target.Id;
    }

    /// <summary>
    /// A <c>do</c> remembers the position of the element it runs, and goes on with the element after it. The new
    /// <c>do</c> may list its elements differently, so the position is that of the mapped element in the new list.
    /// </summary>
    private void RemapPosition(PathToken path, ScopeFrame frame, SequenceStep was, SequenceStep to)
    {
        var element = was.Steps[frame.Index];
        if (map.Map(element, $"path {path.Id} runs this element of do '{was.Id}'") is not { } target)
        {
            return;
        }
        var index = to.Steps.ToList().IndexOf(target.Id);
        if (index < 0)
        {
            errors.Add(new MigrationError(MigrationErrorCodes.IncompatibleStep, was.Id,
                $"path {path.Id} runs element '{element}' of do '{was.Id}', so do '{to.Id}' must list '{target.Id}'; it lists {string.Join(", ", to.Steps)}"));
            return;
        }
        frame.Index = index;
    }
}
