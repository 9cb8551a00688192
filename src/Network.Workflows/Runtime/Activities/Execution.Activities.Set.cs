using System.Text.Json.Nodes;
using Network.Workflows.Definitions;
using Network.Workflows.Expressions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    private (string?, string) Set(PathToken path, SetStep step)
    {
        var variables = (JsonObject)_state.Variables.DeepClone();
        var scope = Scope(path);
        var changes = new List<string>();
        foreach (var (name, expression) in step.Values)
        {
            var value = Eval.Evaluate(expression, scope with { Vars = variables });
            variables[name] = value;
            changes.Add($"{name} = {value?.ToJsonString() ?? "null"}");
        }
        var before = JsonValues.CorrelationKey(_state.Variables["status"]);
        _state.Variables = variables;
        var after = JsonValues.CorrelationKey(variables["status"]);
        if (step.Values.ContainsKey("status") && after is not null && !string.Equals(before, after, StringComparison.Ordinal))
        {
            Journal(JournalKinds.StatusChanged, step, path, $"'{step.Id}' set status", after, before is null ? null : $"was {before}");
        }
        Continue(path, step, $"after '{step.Id}'");
        return (string.Join(", ", step.Values.Keys), string.Join("; ", changes));
    }
}
