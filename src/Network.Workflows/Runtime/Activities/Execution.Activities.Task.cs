using System.Text.Json.Nodes;
using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>task</c>: opens a human task, puts a <c>task</c> message in the outbox, and waits for the task's completion.
    /// The title and the due moment are evaluated before the task gets an id or is added; either throwing adds no task,
    /// no message and no wait.
    /// </summary>
    private ActivityResult AssignTask(PathToken path, TaskStep step)
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
        Journal(new(JournalKinds.TaskAssigned, step, path) { Why = "task", Outcome = outcome, Inputs = step.Title.Source });
        return new($"to {step.AssignTo}", "waiting for " + outcome);
    }
}
