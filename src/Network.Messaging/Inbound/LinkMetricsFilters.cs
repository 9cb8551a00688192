using MassTransit;
using Network.Domain.Telemetry;

namespace Network.Messaging.Inbound;

/// <summary>
/// Outside the retries: counts every message that reaches a tenant's inbound endpoint once, and, when it fails for a
/// reason that never passes (<see cref="LinkRetryPolicy.RefusalReason"/>), counts it refused before it goes to the
/// _error queue.
/// </summary>
internal sealed class LinkArrivalMetricsFilter(NetworkMetrics metrics) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        metrics.LinkMessageIn();
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

    public void Probe(ProbeContext context) => context?.CreateFilterScope("tenant-link-arrival-metrics");
}

/// <summary>Inside the retries: counts each attempt after a message's first.</summary>
internal sealed class LinkRetryMetricsFilter(NetworkMetrics metrics) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetRetryAttempt() > 0)
        {
            metrics.LinkMessageRetried();
        }
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("tenant-link-retry-metrics");
}
