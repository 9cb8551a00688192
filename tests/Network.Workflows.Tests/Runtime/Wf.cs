using System.Text.Json.Nodes;
using Network.Workflows.Definitions;
using Network.Workflows.Runtime;

namespace Network.Workflows.Tests.Runtime;

/// <summary>Definitions built in code, without YAML (the loader has its own tests), and the clock of the tests.</summary>
internal static class Wf
{
    public static readonly DateTimeOffset T0 = new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly SourceSpan At = SourceSpan.None;

    public static DateTimeOffset Day(double days) => T0.AddDays(days);

    public static Expression X(string source) => new(source, At);

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    public static WorkflowDefinition Define(params StepDefinition[] steps) => Define("test", steps);

    public static WorkflowDefinition Define(string id, params StepDefinition[] steps) =>
        new(id, 1, id, null, new ManualTrigger(At), [], new Dictionary<string, string>(), new Dictionary<string, Expression>(), steps, At);

    public static WorkflowDefinition WithSettings(this WorkflowDefinition definition, params (string Name, string Value)[] settings) =>
        definition with { Settings = settings.ToDictionary(s => s.Name, s => s.Value) };

    public static WorkflowDefinition WithVariables(this WorkflowDefinition definition, params (string Name, string Expression)[] variables) =>
        definition with { Variables = variables.ToDictionary(v => v.Name, v => X(v.Expression)) };

    public static WorkflowDefinition WithInputs(this WorkflowDefinition definition, params string[] inputs) =>
        definition with { Inputs = inputs };

    public static SetStep Set(string id, string name, string expression, string? then = null, RetryPolicy? retry = null) =>
        new(id, new Dictionary<string, Expression> { [name] = X(expression) }, then, retry, At);

    public static NotifyStep Notify(string id, string to, string message, string? then = null, RetryPolicy? retry = null) =>
        new(id, to, X(message), then, retry, At);

    public static EscalateStep Escalate(string id, string to, int level, string? message = null, string? then = null) =>
        new(id, to, level, message is null ? null : X(message), then, null, At);

    public static WaitForStep WaitFor(string id, string eventName, string? where, string? timeoutAfter = null, string? timeoutThen = null,
        string? result = null, string? then = null) =>
        new(id, eventName, where is null ? null : X(where),
            timeoutAfter is null ? null : new WaitTimeout(X(timeoutAfter), timeoutThen ?? "end", At), result, then, null, At);

    public static TimerStep After(string id, string duration, string? then = null) => new(id, X(duration), null, null, then, null, At);

    public static TimerStep Until(string id, string moment, string? then = null) => new(id, null, X(moment), null, then, null, At);

    public static TimerStep Cron(string id, string cron, string? then = null) => new(id, null, null, cron, then, null, At);

    public static EndStep End(string id) => new(id, At);

    public static FailStep Fail(string id, string reason) => new(id, X(reason), At);

    public static SequenceStep Do(string id, string[] steps, string? then = null) => new(id, steps, then, null, At);

    public static ParallelStep Parallel(string id, string[] branches, JoinRule join, string? then = null) => new(id, branches, join, then, null, At);

    public static IfStep If(string id, string condition, string ifTrue, string? ifFalse = null) => new(id, X(condition), ifTrue, ifFalse, null, null, At);

    public static SwitchStep Switch(string id, (string When, string Then)[] cases, string? otherwise = null, string? then = null) =>
        new(id, cases.Select(c => new SwitchCase(X(c.When), c.Then)).ToList(), otherwise, then, null, At);

    public static PublishStep Publish(string id, string eventName, params (string Field, string Expression)[] data) =>
        new(id, eventName, data.ToDictionary(d => d.Field, d => X(d.Expression)), null, null, At);

    public static TaskStep Task(string id, string to, string title, string? due = null, string? result = null, string? then = null) =>
        new(id, to, X(title), due is null ? null : X(due), result, then, null, At);

    public static CallStep Call(string id, string workflow, (string Name, string Expression)[] inputs, string? result = null, string? then = null,
        RetryPolicy? retry = null) =>
        new(id, workflow, inputs.ToDictionary(i => i.Name, i => X(i.Expression)), result, then, retry, At);

    public static LoopStep Loop(string id, string body, string? whileCondition, int? max, string? then = null) =>
        new(id, body, whileCondition is null ? null : X(whileCondition), max, then, null, At);

    /// <summary>The ids of the steps that ran, in order.</summary>
    public static List<string> StepsRun(this WorkflowInstanceState state) =>
        state.Journal.Where(e => e.Kind == JournalKinds.StepStarted).Select(e => e.StepId!).ToList();

    public static List<JournalEntry> Entries(this WorkflowInstanceState state, string kind) =>
        state.Journal.Where(e => e.Kind == kind).ToList();

    public static string? Var(this WorkflowInstanceState state, string name) => state.Variables[name]?.ToJsonString();
}
