using Network.Workflows.Definitions;
using Network.Workflows.Expressions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>set</c>: evaluates its values in order, each seeing the ones before, then applies them together.
    /// The values are evaluated into a copy of the variables, which replaces them only when every value evaluated;
    /// a value that throws leaves every variable as it was.
    /// </summary>
    private ActivityResult Set(PathToken path, SetStep step)
    {
        var variables = _state.Variables.DeepClone().AsObject();
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
            Journal(new(JournalKinds.StatusChanged, step, path)
            {
                Why = $"'{step.Id}' set status",
                Outcome = after,
                Inputs = before is null ? null : $"was {before}",
            });
        }
        Continue(path, step, $"after '{step.Id}'");
        return new(string.Join(", ", step.Values.Keys), string.Join("; ", changes));
    }
}
