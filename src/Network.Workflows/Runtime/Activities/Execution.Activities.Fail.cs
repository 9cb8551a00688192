using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>fail</c>: fails the instance with its reason (every path stops).
    /// The reason is evaluated before anything ends; a reason that throws fails the step (retry or incident), not the instance.
    /// </summary>
    private ActivityResult FailHere(PathToken path, FailStep step)
    {
        var reason = Eval.Text(step.Reason, Scope(path));
        End(WorkflowStatus.Failed, reason, step);
        return new(step.Reason.Source, "failed: " + reason);
    }
}
