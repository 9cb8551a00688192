using MassTransit;
using Network.Domain.Errors;
using Network.Domain.Telemetry;
using Network.Domain.Tenancy;

namespace Network.Messaging.Inbound;

/// <summary>
/// What a tenant's inbound endpoint does with a message that fails. A refusal, or a domain error (invalid content,
/// something not found or out of reach), will fail the same way every time: it goes to the _error queue at once.
/// Anything else may pass (a timeout, a silo restarting), so it is tried again <see cref="Retries"/> times with a
/// growing pause before it goes there, with the exception in its fault headers.
/// </summary>
/// <remarks>
/// The pauses add up to about 45 seconds: longer than a cluster takes to declare a dead silo dead (7–13 s in the
/// cluster tests; until then a grain that lived there cannot be reached), so a message that arrives while a silo is
/// lost is applied once the cluster has recovered instead of landing in the _error queue.
/// </remarks>
public static class LinkRetryPolicy
{
    public const int Retries = 9;

    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);

    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    /// <param name="metrics">
    /// When given, each message is counted in at its first attempt, each later attempt as a retry, and a refusal by
    /// its reason (<see cref="LinkMetricsFilter"/>).
    /// </param>
    public static void Apply(IReceiveEndpointConfigurator endpoint, NetworkMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.UseMessageRetry(retry =>
        {
            retry.Ignore<Exception>(error => RefusalReason(error) is not null);
            retry.Exponential(Retries, FirstRetry, LongestRetry, FirstRetry);
        });
        if (metrics is not null)
        {
            endpoint.UseFilter(new LinkMetricsFilter(metrics));
        }
    }

    /// <summary>
    /// Why a failure will fail the same way every time, as the metrics name it (a short closed set); null for a
    /// failure that may pass and is retried.
    /// </summary>
    public static string? RefusalReason(Exception error) => error switch
    {
        MessageRefusedException => "refused",
        DomainValidationException => "invalid",
        DomainNotFoundException => "not-found",
        DomainConflictException => "conflict",
        RoleForbiddenException or TenantAccessDeniedException => "forbidden",
        _ => null,
    };
}
