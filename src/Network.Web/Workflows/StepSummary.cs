using System.Globalization;
using Network.Workflows.Definitions;

namespace Network.Web.Workflows;

/// <summary>The one line under a step's id in the graph: what the step does, from its main fields.</summary>
internal static class StepSummary
{
    private const int MaxLength = 60;

    public static string Of(StepDefinition step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var text = step switch
        {
            SequenceStep s => $"do {s.Steps.Count} steps in order",
            IfStep s => $"if {s.Condition.Source}",
            SwitchStep s => $"switch on {s.Cases.Count} cases",
            ParallelStep s => $"parallel, join {JoinText(s.Join)}",
            WaitForStep s => $"wait for {s.Event}",
            TimerStep { After: { } after } => $"timer after {after.Source}",
            TimerStep { Until: { } until } => $"timer until {until.Source}",
            TimerStep s => $"timer cron {s.Cron}",
            SetStep s => $"set {string.Join(", ", s.Values.Keys)}",
            PublishStep s => $"publish {s.Event}",
            NotifyStep s => $"notify {s.To}",
            EscalateStep s => string.Create(CultureInfo.InvariantCulture, $"escalate to {s.To}, level {s.Level}"),
            TaskStep s => $"task for {s.AssignTo}",
            CallStep s => $"call workflow {s.Workflow}",
            LoopStep s => $"loop {s.Body}",
            EndStep => "end",
            FailStep s => $"fail: {s.Reason.Source}",
            _ => step.Activity,
        };
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
    }

    private static string JoinText(JoinRule join) => join.Kind switch
    {
        JoinKind.All => "all",
        JoinKind.Any => "any",
        _ => join.Count.ToString(CultureInfo.InvariantCulture),
    };
}
