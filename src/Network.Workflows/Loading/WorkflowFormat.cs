namespace Network.Workflows.Loading;

/// <summary>
/// The keys of the YAML format (workflows/README.md), in one place: the loader accepts exactly these, the
/// validator's suggestions come from them, and a test holds workflows/schema.json to them.
/// </summary>
public static class WorkflowFormat
{
    /// <summary>Keys of a definition's top level.</summary>
    public static IReadOnlyList<string> DefinitionKeys { get; } =
        ["id", "version", "title", "description", "starts-on", "inputs", "settings", "variables", "steps"];

    /// <summary>Keys of <c>starts-on</c> when it is an event trigger.</summary>
    public static IReadOnlyList<string> EventTriggerKeys { get; } = ["event", "where", "inputs"];

    /// <summary>Keys of <c>starts-on</c> when it is a schedule.</summary>
    public static IReadOnlyList<string> ScheduleTriggerKeys { get; } = ["schedule"];

    /// <summary>Keys of a step's <c>retry</c>.</summary>
    public static IReadOnlyList<string> RetryKeys { get; } = ["attempts", "delay", "backoff"];

    /// <summary>Keys of a <c>wait-for</c>'s <c>timeout</c>.</summary>
    public static IReadOnlyList<string> TimeoutKeys { get; } = ["after", "then"];

    /// <summary>Keys of a <c>timer</c>'s value (exactly one of them).</summary>
    public static IReadOnlyList<string> TimerKeys { get; } = ["after", "until", "cron"];

    /// <summary>Keys of one case of a <c>switch</c>.</summary>
    public static IReadOnlyList<string> SwitchCaseKeys { get; } = ["when", "then"];

    /// <summary>Every activity keyword, in the README's order. A step has exactly one.</summary>
    public static IReadOnlyList<string> ActivityKeywords { get; } =
        ["do", "if", "switch", "parallel", "wait-for", "timer", "set", "publish", "notify", "escalate", "task", "call", "loop", "end", "fail"];

    /// <summary>
    /// For each activity keyword, every key a step with that activity may have (the keyword itself, <c>id</c>, and,
    /// except for <c>end</c> and <c>fail</c>, <c>then</c> and <c>retry</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> StepKeys { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["do"] = Step("do"),
        ["if"] = Step("if", "else"),
        ["switch"] = Step("switch", "default"),
        ["parallel"] = Step("parallel", "join"),
        ["wait-for"] = Step("wait-for", "where", "timeout", "result"),
        ["timer"] = Step("timer"),
        ["set"] = Step("set"),
        ["publish"] = Step("publish", "data"),
        ["notify"] = Step("notify", "message", "contacts"),
        ["escalate"] = Step("escalate", "level", "message"),
        ["task"] = Step("task", "title", "due", "result"),
        ["call"] = Step("call", "inputs", "result"),
        ["loop"] = Step("loop", "while", "max"),
        ["end"] = ["id", "end"],
        ["fail"] = ["id", "fail"],
    };

    /// <summary>The transition target that ends the current path rather than naming a step.</summary>
    public const string EndTarget = "end";

    private static string[] Step(string keyword, params string[] keys) => ["id", keyword, .. keys, "then", "retry"];
}
