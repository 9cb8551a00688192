using System.Text.Json.Nodes;

namespace Network.Contracts.Workflows;

/// <summary>A workflow definition as a tenant runs it.</summary>
/// <param name="Trigger">What starts it, in words: "event CommitmentRecorded", "schedule 0 9 1 * *", "manual".</param>
/// <param name="Settings">The values it runs with for this tenant: the definition's defaults, overridden down the tenant's tree.</param>
/// <param name="PublishedBy">The tenant whose published version this is; null for the network's standard library.</param>
public sealed record WorkflowSummaryResource(string Id, int Version, string Title, string? Description, string Trigger, IReadOnlyList<string> Inputs,
    IReadOnlyDictionary<string, string> Settings, string? PublishedBy = null);

/// <summary>A definition with its YAML source.</summary>
public sealed record WorkflowDefinitionResource(WorkflowSummaryResource Summary, string Source);

/// <summary>One version of a definition that a tenant can see.</summary>
/// <param name="PublishedBy">The tenant that published it; null for the network's standard library.</param>
/// <param name="PublishedAt">When it was published; null for the library.</param>
/// <param name="Publisher">Who published it (the key's role, tenant and id); null for the library.</param>
/// <param name="Current">True for the version this tenant's new instances start on.</param>
public sealed record WorkflowVersionResource(
    string Id, int Version, string Title, string? PublishedBy, DateTimeOffset? PublishedAt, string? Publisher, bool Current);

/// <summary>A tenant's values for a definition's settings (e.g. <c>{ "stallAfter": "P30D" }</c>); an empty map clears them.</summary>
public sealed record WorkflowSettingsRequest(IReadOnlyDictionary<string, string> Settings);

/// <summary>A definition's settings for one tenant: the defaults, this tenant's own values, and what its instances start with.</summary>
public sealed record WorkflowSettingsResource(
    string Id,
    IReadOnlyDictionary<string, string> Defaults,
    IReadOnlyDictionary<string, string> Own,
    IReadOnlyDictionary<string, string> Effective);

/// <summary>One thing wrong with a definition, and where.</summary>
public sealed record WorkflowProblem(int Line, int Column, string Code, string Message);

/// <summary>The outcome of validating a definition's text.</summary>
public sealed record WorkflowValidationResource(bool Valid, string? Id, int? Version, IReadOnlyList<WorkflowProblem> Problems);

/// <summary>
/// Runs a definition on a virtual clock: from <paramref name="Start"/> to <paramref name="Until"/>, with the inputs,
/// setting overrides and scripted events given. An event of type <c>task:&lt;step-id&gt;</c> completes that step's task.
/// </summary>
public sealed record SimulationRequest(
    DateTimeOffset Start,
    DateTimeOffset Until,
    JsonObject? Inputs = null,
    IReadOnlyDictionary<string, string>? Settings = null,
    IReadOnlyList<SimulatedEventRequest>? Events = null);

public sealed record SimulatedEventRequest(DateTimeOffset At, string Type, JsonObject? Data = null);

/// <param name="Kind">What happened: step, waiting, event, timer, timeout, notification, escalated, task, published, stalled, …</param>
public sealed record TimelineEntryResource(DateTimeOffset At, string Kind, string? Step, string Detail);

/// <param name="Status">The instance's status when the simulation stopped (running, waiting, completed, failed, …).</param>
public sealed record SimulationResultResource(IReadOnlyList<TimelineEntryResource> Timeline, string Status);
