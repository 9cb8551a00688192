using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>switch</c>: goes to the first case that holds, else to <c>default</c>, else on.
    /// The cases are evaluated in order and the path moves only once one holds (or none did); a case that throws leaves
    /// the path where it was, even when an earlier case evaluated to false.
    /// </summary>
    private ActivityResult Switch(PathToken path, SwitchStep step)
    {
        var scope = Scope(path);
        for (var i = 0; i < step.Cases.Count; i++)
        {
            if (Eval.IsTrue(step.Cases[i].When, scope))
            {
                Goto(path, step.Cases[i].Then, $"case {i + 1} of '{step.Id}' held ({step.Cases[i].When.Source})");
                return new(step.Cases[i].When.Source, $"case {i + 1} → {step.Cases[i].Then}");
            }
        }
        if (step.Default is not null)
        {
            Goto(path, step.Default, $"no case of '{step.Id}' held");
            return new(null, $"default → {step.Default}");
        }
        Continue(path, step, $"no case of '{step.Id}' held");
        return new(null, "no case → on");
    }
}
