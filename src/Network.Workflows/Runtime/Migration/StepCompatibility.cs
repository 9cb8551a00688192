using Network.Workflows.Definitions;
using Network.Workflows.Expressions;

namespace Network.Workflows.Runtime.Migration;

/// <summary>
/// Whether a step of the target version can take over what a path holds at its step of the old version. The
/// interpreter finds a path's wait through the path's step (the event's <c>where</c>, the timeout's branch, a task's
/// or call's result variable, a parallel's continuation), so the step it lands on must be of the kind that made the wait.
/// </summary>
internal static class StepCompatibility
{
    /// <summary>Why <paramref name="target"/> cannot take over <paramref name="path"/> at <paramref name="source"/>; null when it can.</summary>
    public static string? ForPath(PathToken path, StepDefinition? source, StepDefinition target)
    {
        var (holds, expected, fits) = Expectation(path, source);
        return fits is null || fits(target)
            ? null
            : $"path {path.Id} {holds} at '{path.StepId}', so '{target.Id}' must be {expected}; it is {Describe(target)}";
    }

    /// <summary>Why <paramref name="target"/> cannot take over the <c>do</c> or <c>loop</c> scope <paramref name="frame"/>; null when it can.</summary>
    public static string? ForFrame(PathToken path, ScopeFrame frame, StepDefinition target)
    {
        var (keyword, fits) = frame.Kind == ScopeKind.Loop ? ("loop", target is LoopStep) : ("do", target is SequenceStep);
        return fits ? null : $"path {path.Id} is inside {keyword} '{frame.StepId}', so '{target.Id}' must be a {keyword}; it is {Describe(target)}";
    }

    // What the path holds (for the message), what the target must be, and the test; no test when any step will do
    // (a ready path runs its new step from the start).
    private static (string Holds, string Expected, Func<StepDefinition, bool>? Fits) Expectation(PathToken path, StepDefinition? source)
    {
        if (path.Status == PathStatus.Incident)
        {
            // Retrying runs the step again and skipping goes on from it: the incident's activity must still be what is there.
            return SameActivity("is parked on an incident", source);
        }
        if (path is not { Status: PathStatus.Waiting, Wait: { } wait })
        {
            return ("is ready", "any step", null);
        }
        return wait.Kind switch
        {
            // A wait with a due moment fires into its step's timeout branch; a wait-for with no timeout has none to take.
            WaitKind.Event when wait.DueAt is { } due => (
                $"waits for {wait.Event} until {ExpressionEvaluator.FormatMoment(due)}",
                $"a wait-for for {wait.Event} with a timeout",
                t => t is WaitForStep { Timeout: not null } w && string.Equals(w.Event, wait.Event, StringComparison.Ordinal)),
            WaitKind.Event => (
                $"waits for {wait.Event}",
                $"a wait-for for {wait.Event}",
                t => t is WaitForStep w && string.Equals(w.Event, wait.Event, StringComparison.Ordinal)),
            WaitKind.Timer => ($"waits on a timer due {ExpressionEvaluator.FormatMoment(wait.DueAt!.Value)}", "a timer", t => t is TimerStep),
            WaitKind.Task => ($"waits for task {wait.TaskId}", "a task", t => t is TaskStep),
            // The child already runs a given workflow; a call of another one would report its end as if it were its own.
            WaitKind.Child when source is CallStep call => (
                $"waits for call {wait.CallId} of {call.Workflow}",
                $"a call of {call.Workflow}",
                t => t is CallStep c && string.Equals(c.Workflow, call.Workflow, StringComparison.Ordinal)),
            WaitKind.Child => ($"waits for call {wait.CallId}", "a call", t => t is CallStep),
            WaitKind.Join => (
                $"waits for {wait.Required} of its branches {string.Join(", ", wait.Branches)}",
                $"a parallel with {wait.Branches.Count} branches",
                t => t is ParallelStep p && p.Branches.Count == wait.Branches.Count),
            WaitKind.Retry => SameActivity("waits to retry its step", source),
            // Every kind of wait is named above; a new one has no step known to take it over until it gets its rule here.
            _ => ($"waits ({wait.Kind})", "a step that can take over this kind of wait, which the migration has no rule for", _ => false),
        };
    }

    private static (string, string, Func<StepDefinition, bool>?) SameActivity(string holds, StepDefinition? source) =>
        source is null
            ? (holds, "any step", null)
            : (holds, $"{Article(source.Activity)} {source.Activity}", t => string.Equals(t.Activity, source.Activity, StringComparison.Ordinal));

    private static string Describe(StepDefinition step) => step switch
    {
        WaitForStep w => $"a wait-for for {w.Event}" + (w.Timeout is null ? " without a timeout" : " with a timeout"),
        CallStep c => $"a call of {c.Workflow}",
        ParallelStep p => $"a parallel with {p.Branches.Count} branches",
        _ => $"{Article(step.Activity)} {step.Activity}",
    };

    private static string Article(string word) => word.Length > 0 && "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
