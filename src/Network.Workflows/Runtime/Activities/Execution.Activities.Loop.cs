using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>loop</c>: runs its body for another turn while <c>while</c> holds and <c>max</c> is not reached; else leaves.
    /// <c>while</c> is evaluated before the frame is pushed, counted on or removed; a <c>while</c> that throws leaves
    /// the path and its frames as they were. <see cref="Push"/> refuses a frame too deep before adding it.
    /// </summary>
    private ActivityResult Loop(PathToken path, LoopStep step)
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
            return new(inputs, $"turn {done + 1} of at most {max}: {step.Body}");
        }
        if (turning)
        {
            path.Frames.RemoveAt(path.Frames.Count - 1);
        }
        if (holds && step.While is not null)
        {
            Journal(new(JournalKinds.LoopLimit, step, path)
            {
                Why = $"{done} turns made",
                Outcome = "left the loop at its max",
                Inputs = inputs,
            });
        }
        Continue(path, step, $"loop '{step.Id}' ended after {done} turn(s)");
        return new(inputs, holds ? $"max of {max} reached → on" : $"condition false after {done} turn(s) → on");
    }
}
