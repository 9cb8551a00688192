using System.Text.Json.Nodes;
using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>notify</c>: a <c>notification</c> message in the outbox.
    /// The message text is evaluated before the message is added; a message that throws adds nothing.
    /// </summary>
    private ActivityResult Notify(PathToken path, NotifyStep step)
    {
        var text = Eval.Text(step.Message, Scope(path));
        var data = new JsonObject { ["message"] = text };
        if (step.Contacts is { } contacts)
        {
            // Who of the tenants' people get it by e-mail (the domain's notification delivery reads it).
            data["contacts"] = contacts;
        }
        AddToOutbox(OutboxKinds.Notification, step, null, step.To, data, null);
        var whom = step.Contacts is null ? step.To : $"{step.To} ({step.Contacts})";
        Journal(new(JournalKinds.Notified, step, path) { Why = "notify", Outcome = $"to {whom}: {text}", Inputs = step.Message.Source });
        Continue(path, step, $"after '{step.Id}'");
        return new($"to {step.To}", $"notified {step.To}");
    }
}
