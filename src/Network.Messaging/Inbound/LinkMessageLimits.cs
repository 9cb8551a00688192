using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Network.Domain.Quotas;

namespace Network.Messaging.Inbound;

/// <summary>
/// The limits a tenant link holds its messages to, as the HTTP API holds requests: a size (<see
/// cref="MessagingOptions.MaxMessageBytes"/>) and a rate per integration key (a token bucket,
/// <c>Limits:Rate:Integration</c>). A message past either is refused to the link's <c>_error</c> queue with the reason;
/// the partner sends it again later.
/// </summary>
public sealed class LinkMessageLimits : IDisposable
{
    private readonly long _maxBytes;
    private readonly KeyRate _rate;
    private readonly PartitionedRateLimiter<string> _limiter;

    public LinkMessageLimits(IOptions<MessagingOptions> messaging, IOptions<RateLimitOptions> rates)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        ArgumentNullException.ThrowIfNull(rates);
        _maxBytes = messaging.Value.MaxMessageBytes;
        _rate = rates.Value.Integration;
        _limiter = PartitionedRateLimiter.Create<string, string>(keyId => RateLimitPartition.GetTokenBucketLimiter(keyId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = _rate.Burst,
            TokensPerPeriod = _rate.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Refuses a message body larger than the link takes.</summary>
    public void CheckSize(long? bytes)
    {
        if (bytes > _maxBytes)
        {
            throw new MessageRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"The message is {bytes:N0} bytes; a tenant link takes at most {_maxBytes:N0} (Messaging:MaxMessageBytes)."));
        }
    }

    /// <summary>Takes one message from the key's bucket, or refuses the message.</summary>
    public void Admit(string keyId)
    {
        using var lease = _limiter.AttemptAcquire(keyId);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            throw new MessageRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"This key sent more than {_rate.PermitsPerSecond} messages a second (after a burst of {_rate.Burst}; Limits:Rate:Integration); send it again in {Math.Max(1, Math.Ceiling(wait.TotalSeconds))} s."));
        }
    }

    public void Dispose() => _limiter.Dispose();
}
