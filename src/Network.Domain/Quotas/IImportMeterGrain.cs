namespace Network.Domain.Quotas;

/// <summary>The bytes a tenant imported today (UTC), against <see cref="TenantQuotaOptions.ImportedBytesPerDay"/>. Keyed by the tenant's path; the engine only.</summary>
public interface IImportMeterGrain : IGrainWithStringKey
{
    /// <summary>Counts <paramref name="bytes"/> against today's allowance, or throws <see cref="QuotaExceededException"/> and counts nothing.</summary>
    Task Use(long bytes);
}
