namespace Network.Host.Audit;

/// <summary>The audit trail's settings (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How long lines are kept; older ones are deleted once an hour. 400 days by default: a year's review and its follow-up.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>How often the lines past the retention are deleted.</summary>
    public TimeSpan PruneEvery { get; set; } = TimeSpan.FromHours(1);

    public void Validate()
    {
        if (Retention < TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"Audit:Retention is {Retention}; it must be at least one day (e.g. 400.00:00:00).");
        }
        if (PruneEvery < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"Audit:PruneEvery is {PruneEvery}; it must be at least a second.");
        }
    }
}
