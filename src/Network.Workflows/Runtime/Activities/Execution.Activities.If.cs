using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
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
}
