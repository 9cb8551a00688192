using MassTransit;
using Network.Domain.Telemetry;

namespace Network.Messaging.Inbound;

/// <summary>
/// Counts a tenant's inbound messages, inside the retry policy (MassTransit runs an endpoint's filters again on each
/// attempt, whatever the order they were configured in): the first attempt counts the message in, each later one a
/// retry, and a failure that never passes (<see cref="LinkRetryPolicy.RefusalReason"/>, not retried) a refusal.
/// </summary>
internal sealed class LinkMetricsFilter(NetworkMetrics metrics) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetRetryAttempt() > 0)
        {
            metrics.LinkMessageRetried();
        }
        else
        {
            metrics.LinkMessageIn();
        }
        try
        {
            await next.Send(context).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            if (LinkRetryPolicy.RefusalReason(error) is { } reason)
            {
                metrics.LinkMessageRefused(reason);
            }
            throw;
        }
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("tenant-link-metrics");
}
