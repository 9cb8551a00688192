using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>do</c>: pushes a frame and goes to its first element (an empty list goes on at once).
    /// Evaluates nothing; its one failure, a frame nested too deep, is thrown by <see cref="Push"/> before the frame is
    /// added, so a failing <c>do</c> leaves the path where it was.
    /// </summary>
    private ActivityResult Sequence(PathToken path, SequenceStep step)
    {
        if (step.Steps.Count > 0)
        {
            Push(path, new ScopeFrame { StepId = step.Id, Kind = ScopeKind.Sequence });
            Goto(path, step.Steps[0], $"step 1 of do '{step.Id}'");
            return new(string.Join(", ", step.Steps), $"starts with {step.Steps[0]}");
        }
        Continue(path, step, $"empty do '{step.Id}'");
        return new(null, "nothing to do");
    }
}
