using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    private (string?, string) Switch(PathToken path, SwitchStep step)
    {
        var scope = Scope(path);
        for (var i = 0; i < step.Cases.Count; i++)
        {
            if (Eval.IsTrue(step.Cases[i].When, scope))
            {
                Goto(path, step.Cases[i].Then, $"case {i + 1} of '{step.Id}' held ({step.Cases[i].When.Source})");
                return (step.Cases[i].When.Source, $"case {i + 1} → {step.Cases[i].Then}");
            }
        }
        if (step.Default is not null)
        {
            Goto(path, step.Default, $"no case of '{step.Id}' held");
            return (null, $"default → {step.Default}");
        }
        Continue(path, step, $"no case of '{step.Id}' held");
        return (null, "no case → on");
    }
}
