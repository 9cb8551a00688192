namespace Network.Domain.Quotas;

/// <summary>
/// A tenant reached one of its quotas (<see cref="TenantQuotaOptions"/>): the API answers 429 problem+json with
/// <c>Retry-After</c>, a link message goes to <c>_error</c> with this reason. Nothing was changed.
/// </summary>
/// <param name="quota">The setting that was reached, e.g. <c>Limits:Quotas:KeysPerTenant</c>.</param>
/// <param name="retryAfter">When trying again can succeed: the next UTC day for a daily quota; for a count, a hint
/// (it frees up when something ends or is removed).</param>
[GenerateSerializer]
public sealed class QuotaExceededException(string quota, string message, TimeSpan retryAfter) : Exception(message)
{
    [Id(0)] public string Quota { get; } = quota;

    [Id(1)] public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>The hint for a quota on a count: look again in an hour.</summary>
    public static readonly TimeSpan CountRetryAfter = TimeSpan.FromHours(1);
}
