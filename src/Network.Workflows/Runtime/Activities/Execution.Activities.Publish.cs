using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>publish</c>: an <c>event</c> message in the outbox with the evaluated data.
    /// Every data field is evaluated before the message is added; a field that throws adds nothing.
    /// </summary>
    private ActivityResult Publish(PathToken path, PublishStep step)
    {
        var data = Evaluate(step.Data, Scope(path));
        var message = AddToOutbox(OutboxKinds.Event, step, step.Event, null, data, null);
        Journal(new(JournalKinds.Published, step, path)
        {
            Why = "publish",
            Outcome = $"{step.Event} as message {message.Id}",
            Inputs = Shorten(data.ToJsonString()),
        });
        Continue(path, step, $"after '{step.Id}'");
        return new(step.Event, $"published {step.Event}");
    }
}
