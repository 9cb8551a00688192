namespace Network.Contracts.Workflows;

/// <summary>A running (or ended) workflow instance.</summary>
/// <param name="WaitingAt">The steps its paths are waiting at.</param>
public sealed record WorkflowInstanceResource(
    string Id, string DefinitionId, int DefinitionVersion, string Status, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt, IReadOnlyList<string> WaitingAt);

/// <summary>One entry of an instance's journal: what ran, when, why, with what outcome and inputs.</summary>
public sealed record JournalEntryResource(DateTimeOffset At, string Kind, string? Step, string? Why, string? Outcome, string? Inputs);
