using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
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
}
