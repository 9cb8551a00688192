using System.Text.Json.Nodes;

namespace Network.Contracts.Workflows;

/// <summary>A workflow definition as lists show it.</summary>
/// <param name="Trigger">What starts it, in words: "event CommitmentRecorded", "schedule 0 9 1 * *", "manual".</param>
public sealed record WorkflowSummary(string Id, int Version, string Title, string? Description, string Trigger, IReadOnlyList<string> Inputs,
    IReadOnlyDictionary<string, string> Settings);

/// <summary>A definition with its source, as it is stored in <c>workflows/</c>.</summary>
public sealed record WorkflowDefinitionDocument(WorkflowSummary Summary, string Source);

/// <summary>One thing wrong with a definition, and where.</summary>
public sealed record WorkflowProblem(int Line, int Column, string Code, string Message);

/// <summary>The outcome of validating a definition's text.</summary>
public sealed record WorkflowValidation(bool Valid, string? Id, int? Version, IReadOnlyList<WorkflowProblem> Problems);

/// <summary>
/// Runs a definition on a virtual clock: from <paramref name="Start"/> to <paramref name="Until"/>, with the inputs,
/// setting overrides and scripted events given. An event of type <c>task:&lt;step-id&gt;</c> completes that step's task.
/// </summary>
public sealed record SimulationRequest(
    DateTimeOffset Start,
    DateTimeOffset Until,
    JsonObject? Inputs = null,
    IReadOnlyDictionary<string, string>? Settings = null,
    IReadOnlyList<SimulatedEventDocument>? Events = null);

public sealed record SimulatedEventDocument(DateTimeOffset At, string Type, JsonObject? Data = null);

/// <param name="Kind">What happened: step, waiting, event, timer, timeout, notification, escalated, task, published, stalled, …</param>
public sealed record TimelineEntryDocument(DateTimeOffset At, string Kind, string? Step, string Detail);

/// <param name="Status">The instance's status when the simulation stopped (running, waiting, completed, failed, …).</param>
public sealed record SimulationResultDocument(IReadOnlyList<TimelineEntryDocument> Timeline, string Status);
