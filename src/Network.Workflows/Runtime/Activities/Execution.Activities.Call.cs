using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>call</c>: a <c>call</c> message in the outbox (the host starts the child), then waits for the child's end.
    /// The inputs are evaluated before the call gets an id or a message; an input that throws starts no child.
    /// </summary>
    private ActivityResult CallWorkflow(PathToken path, CallStep step)
    {
        var inputs = Evaluate(step.Inputs, Scope(path));
        var callId = NewId("c");
        AddToOutbox(OutboxKinds.Call, step, step.Workflow, null, inputs, callId);
        path.Status = PathStatus.Waiting;
        path.Wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Child, Since = _now, CallId = callId };
        // The child's id in the line, so it is found from here however deep the calls go (see ChildInstanceIds).
        Journal(new(JournalKinds.ChildStarted, step, path)
        {
            Why = "call",
            Outcome = $"call {callId}: {step.Workflow} (instance {ChildInstanceIds.For(_state.InstanceId, callId)})",
            Inputs = Shorten(inputs.ToJsonString()),
        });
        return new(step.Workflow, $"waiting for {step.Workflow} (call {callId})");
    }
}
