using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>if</c>: goes to <c>then</c> when the condition holds, else to <c>else</c>, else on.
    /// The condition is evaluated before the path moves; a condition that throws leaves the path where it was.
    /// </summary>
    private ActivityResult If(PathToken path, IfStep step)
    {
        if (Eval.IsTrue(step.Condition, Scope(path)))
        {
            Goto(path, step.IfTrue, $"condition of '{step.Id}' held");
            return new(step.Condition.Source, $"true → {step.IfTrue}");
        }
        if (step.IfFalse is not null)
        {
            Goto(path, step.IfFalse, $"condition of '{step.Id}' did not hold");
            return new(step.Condition.Source, $"false → {step.IfFalse}");
        }
        Continue(path, step, $"condition of '{step.Id}' did not hold");
        return new(step.Condition.Source, "false → on");
    }
}
