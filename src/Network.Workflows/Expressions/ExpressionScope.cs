using System.Text.Json.Nodes;

namespace Network.Workflows.Expressions;

/// <summary>
/// What an expression sees: <c>input</c>, <c>vars</c>, <c>settings</c>, <c>event</c> (in a <c>where</c>, and on a
/// path after its <c>wait-for</c> took an event) and <c>now</c> (the instance's clock as an ISO 8601 string, e.g.
/// <c>2017-01-31T00:00:00.000Z</c>; <c>Date.now()</c> and <c>new Date()</c> give the same moment).
/// </summary>
/// <param name="Settings">
/// The settings in effect. A value that reads as a number (<c>30</c>, <c>2.5</c>) or a boolean (<c>true</c>) is given
/// to JavaScript as one; every other value (durations such as <c>P45D</c> included) is a string.
/// </param>
public sealed record ExpressionScope(
    JsonNode? Input,
    JsonNode? Vars,
    IReadOnlyDictionary<string, string>? Settings,
    JsonNode? Event,
    DateTimeOffset Now)
{
    /// <summary>The same scope with <c>event</c> bound to <paramref name="data"/>.</summary>
    public ExpressionScope WithEvent(JsonNode? data) => this with { Event = data };
}
