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

    private void Journal(string kind, StepDefinition? step, PathToken? path, string? why, string? outcome, string? inputs) =>
        _state.Journal.Add(Entry(kind, step, path, why, outcome, inputs));

    private JournalEntry Entry(string kind, StepDefinition? step, PathToken? path, string? why, string? outcome, string? inputs) => new()
    {
        Seq = _state.NextJournalSeq,
        At = _now,
        Kind = kind,
        StepId = step?.Id ?? path?.StepId,
        Activity = step?.Activity,
        PathId = path?.Id,
        Why = why is null ? null : Shorten(why),
        Outcome = outcome is null ? null : Shorten(outcome),
        Inputs = inputs is null ? null : Shorten(inputs),
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
