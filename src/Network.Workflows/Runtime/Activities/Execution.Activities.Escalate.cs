using System.Text.Json.Nodes;
using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>escalate</c>: an <c>escalation</c> message in the outbox, at its level.
    /// The message text (when there is one) is evaluated before the message is added; a message that throws adds nothing.
    /// </summary>
    private ActivityResult Escalate(PathToken path, EscalateStep step)
    {
        var text = step.Message is null ? $"Escalation level {step.Level}" : Eval.Text(step.Message, Scope(path));
        AddToOutbox(OutboxKinds.Escalation, step, null, step.To, new JsonObject { ["level"] = step.Level, ["message"] = text }, null);
        Journal(new(JournalKinds.Escalated, step, path)
        {
            Why = "escalate",
            Outcome = $"level {step.Level} to {step.To}: {text}",
            Inputs = step.Message?.Source,
        });
        Continue(path, step, $"after '{step.Id}'");
        return new($"level {step.Level} to {step.To}", $"escalated to {step.To}");
    }
}
