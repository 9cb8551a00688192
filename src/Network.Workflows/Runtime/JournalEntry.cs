namespace Network.Workflows.Runtime;

/// <summary>
/// One line of an instance's journal: when, which step and activity, what happened (<see cref="Kind"/>, one of
/// <see cref="JournalKinds"/>), why, with what outcome, and a short summary of the inputs it acted on.
/// </summary>
public sealed record JournalEntry
{
    /// <summary>1, 2, 3, … in the order of the journal.</summary>
    public long Seq { get; init; }

    public DateTimeOffset At { get; init; }

    public string Kind { get; init; } = "";

    public string? StepId { get; init; }

    public string? Activity { get; init; }

    public string? PathId { get; init; }

    /// <summary>The W3C trace id current when the line was written (an HTTP request, a link message), if any.</summary>
    public string? TraceId { get; init; }

    public string? Why { get; init; }

    public string? Outcome { get; init; }

    public string? Inputs { get; init; }
}
