using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    private (string?, string) Publish(PathToken path, PublishStep step)
    {
        var data = Evaluate(step.Data, Scope(path));
        var message = AddToOutbox(OutboxKinds.Event, step, step.Event, null, data, null);
        Journal(JournalKinds.Published, step, path, "publish", $"{step.Event} as message {message.Id}", Shorten(data.ToJsonString()));
        Continue(path, step, $"after '{step.Id}'");
        return (step.Event, $"published {step.Event}");
    }
}
