namespace Network.Workflows.Runtime;

/// <summary>A step that failed past its retries. Open until an operator retries or skips it, or cancels the instance.</summary>
public sealed record Incident
{
    public string Id { get; set; } = "";

    public string PathId { get; set; } = "";

    public string StepId { get; set; } = "";

    public string Activity { get; set; } = "";

    public string Error { get; set; } = "";

    /// <summary>How many times the step was tried.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Null while open; then "retried", "skipped" or "cancelled".</summary>
    public string? Resolution { get; set; }
}
