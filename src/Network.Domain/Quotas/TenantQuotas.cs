using Microsoft.Extensions.Options;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;

namespace Network.Domain.Quotas;

/// <summary>
/// The quotas the domain services check before they make something (the grains check the ones on what they hold
/// themselves: keys in the tenant grain, versions in the registry grain).
/// </summary>
public sealed class TenantQuotas(IOptions<TenantQuotaOptions> options, IWorkflowInstanceReadModel instances, IGrainFactory grains)
{
    public TenantQuotaOptions Options => options.Value;

    /// <summary>Counts an import's bytes against the tenant's day (dry runs too: they cost the same to read).</summary>
    public async Task UseImportBytesAsync(TenantPath tenant, long bytes)
    {
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        // The meter's write is bookkeeping, not the change being made: the change's audit line must go with the change.
        using var notTheChange = Audit.AuditOperation.Suspend();
        await grains.GetGrain<IImportMeterGrain>(tenant.Value).Use(bytes);
    }

    /// <summary>Refuses when <paramref name="adding"/> more instances would pass the subtree's running-instance quota.</summary>
    public async Task RequireRoomForInstancesAsync(TenantPath tenant, int adding, CancellationToken cancellationToken = default)
    {
        var running = 0;
        foreach (var status in NotEnded)
        {
            running += (await instances.QueryInstancesAsync(new WorkflowInstanceListQuery(tenant.Value, Status: status, Limit: 1), cancellationToken)).Total;
        }
        var max = options.Value.RunningInstancesPerTenant;
        if (running + adding > max)
        {
            throw new QuotaExceededException("Limits:Quotas:RunningInstancesPerTenant",
                $"'{tenant.TenantId}' has {running:N0} workflow instances not yet ended in its subtree; {adding:N0} more would pass its quota of {max:N0}.",
                QuotaExceededException.CountRetryAfter);
        }
    }

    private static readonly string[] NotEnded =
    [
        WorkflowListStatuses.Of(Network.Workflows.Runtime.WorkflowStatus.Running),
        WorkflowListStatuses.Of(Network.Workflows.Runtime.WorkflowStatus.Waiting),
        WorkflowListStatuses.Of(Network.Workflows.Runtime.WorkflowStatus.Incident),
    ];
}
