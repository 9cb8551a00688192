namespace Network.Domain.Quotas;

/// <summary>
/// What one tenant may hold or use (section <c>Limits:Quotas</c>), so one partner's mistake or runaway script cannot
/// exhaust what the network shares. Each is checked where the thing is made, in the domain, so every door meets it.
/// </summary>
public sealed class TenantQuotaOptions
{
    public const string Section = "Limits:Quotas";

    /// <summary>Keys that work (not revoked, not expired) per tenant; a rotation's replacement does not count against it.</summary>
    public int KeysPerTenant { get; set; } = 100;

    /// <summary>Workflow definition versions a tenant has published (every version is kept for good).</summary>
    public int PublishedVersionsPerTenant { get; set; } = 1_000;

    /// <summary>Workflow instances not yet ended (running, waiting, in an incident) in a tenant's subtree, for new starts and imports.</summary>
    public int RunningInstancesPerTenant { get; set; } = 50_000;

    /// <summary>Bytes of session reports and progress spreadsheets a tenant imports (dry runs included) per UTC day.</summary>
    public long ImportedBytesPerDay { get; set; } = 50L * 1024 * 1024;

    public void Validate()
    {
        if (KeysPerTenant < 1 || PublishedVersionsPerTenant < 1 || RunningInstancesPerTenant < 1 || ImportedBytesPerDay < 1)
        {
            throw new InvalidOperationException("Every Limits:Quotas value must be at least 1.");
        }
    }
}
