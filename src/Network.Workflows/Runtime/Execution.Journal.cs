using System.Text.Json.Nodes;
using Network.Workflows.Definitions;
using Network.Workflows.Expressions;

namespace Network.Workflows.Runtime;

// Journal and outbox: the lines the instance writes and the messages it leaves for the host to carry out.
internal sealed partial class Execution
{
    private const int MaxSummary = 240;

    private OutboxMessage AddToOutbox(string kind, StepDefinition? step, string? name, string? to, JsonNode? data, string? callId)
    {
        var message = new OutboxMessage
        {
            Id = $"{_state.InstanceId}/{NewId("m")}",
            Kind = kind,
            Name = name,
            To = to,
            Data = data,
            CallId = callId,
            StepId = step?.Id ?? "",
            At = _now,
        };
        _state.Outbox.Add(message);
        return message;
    }

    /// <summary>
    /// A journal line as a step or stimulus writes it: its kind, the step and path it concerns (either may be null),
    /// and what <c>why</c>, <c>outcome</c> and <c>inputs</c> say, each by name (three strings in a row were easy to swap).
    /// <see cref="Entry"/> adds the number, the moment, the activity and the trace, and shortens the texts.
    /// </summary>
    private readonly record struct JournalLine(string Kind, StepDefinition? Step, PathToken? Path)
    {
        public string? Why { get; init; }

        public string? Outcome { get; init; }

        public string? Inputs { get; init; }
    }

    private void Journal(JournalLine line) => _state.Journal.Add(Entry(line));

    private JournalEntry Entry(JournalLine line) => new()
    {
        Seq = _state.NextJournalSeq,
        At = _now,
        Kind = line.Kind,
        StepId = line.Step?.Id ?? line.Path?.StepId,
        Activity = line.Step?.Activity,
        PathId = line.Path?.Id,
        Why = line.Why is null ? null : Shorten(line.Why),
        Outcome = line.Outcome is null ? null : Shorten(line.Outcome),
        Inputs = line.Inputs is null ? null : Shorten(line.Inputs),
        // The request or message being handled, so a line can be traced back to what caused it.
        TraceId = System.Diagnostics.Activity.Current is { } activity ? activity.TraceId.ToHexString() : null,
    };

    private static string Summary(string name, JsonNode? data) => Shorten($"{name} {data?.ToJsonString() ?? "{}"}");

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= MaxSummary ? text : text[..(MaxSummary - 3)] + "...";
    }

    private static string Format(DateTimeOffset moment) => ExpressionEvaluator.FormatMoment(moment);
}
