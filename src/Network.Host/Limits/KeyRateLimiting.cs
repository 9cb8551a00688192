using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Network.Domain.Tenancy;
using Network.Domain.Quotas;
using Network.Host.Api.Auth;

namespace Network.Host.Limits;

/// <summary>
/// ASP.NET Core's rate limiter, one token bucket per API key (partitioned by the key's id, sized by its role), so a
/// partner's runaway script slows only itself. Requests without an API key (the web app's pages, sign-in, health)
/// are not limited here. A refused request gets 429 problem+json with <c>Retry-After</c>.
/// </summary>
public static class KeyRateLimiting
{
    /// <summary>
    /// Room added to the limiter's own wait in <c>Retry-After</c>: the buckets are refilled by a timer that ticks every
    /// 100 ms, later on a busy host, so a client that waited exactly the limiter's wait could be refused again.
    /// </summary>
    private static readonly TimeSpan RefillSlack = TimeSpan.FromMilliseconds(500);

    public static IServiceCollection AddKeyRateLimiting(this IServiceCollection services, RateLimitOptions rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        rates.Validate();
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName } && http.KeyIdOf() is { } keyId
                    ? RateLimitPartition.GetTokenBucketLimiter(keyId, _ => Bucket(RateOf(rates, http.Caller().Role)))
                    : RateLimitPartition.GetNoLimiter(""));
            limiter.OnRejected = RejectAsync;
        });
    }

    public static KeyRate RateOf(RateLimitOptions rates, TenantRole role) => role switch
    {
        TenantRole.Coordinator => rates.Coordinator,
        TenantRole.Integration => rates.Integration,
        _ => rates.Member,
    };

    public static TokenBucketRateLimiterOptions Bucket(KeyRate rate) => new()
    {
        TokenLimit = rate.Burst,
        TokensPerPeriod = rate.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        // Refused at once rather than queued: a client told to wait decides itself, and nothing piles up in the host.
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling((wait + RefillSlack).TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests from this key.",
                Detail = string.Create(CultureInfo.InvariantCulture,
                    $"This key sent more requests than its role allows (Limits:Rate); try again in {seconds} s."),
                Extensions = { ["retryAfterSeconds"] = seconds },
            },
        });
    }
}
