using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    private (string?, string) FailHere(PathToken path, FailStep step)
    {
        var reason = Eval.Text(step.Reason, Scope(path));
        End(WorkflowStatus.Failed, reason, step);
        return (step.Reason.Source, "failed: " + reason);
    }
}
