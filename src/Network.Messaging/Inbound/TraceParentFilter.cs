using System.Diagnostics;
using MassTransit;

namespace Network.Messaging.Inbound;

/// <summary>
/// Continues the trace a partner started: MassTransit follows its own MT-Activity-Id header, and a client that is
/// not MassTransit sends the W3C <c>traceparent</c> header instead. When that is all there is, the message is handled
/// under an activity that continues it, so the grain calls and the workflow journal carry the partner's trace id.
/// </summary>
public sealed class TraceParentFilter : IFilter<ConsumeContext>
{
    public const string Header = "traceparent";

    private static readonly ActivitySource Source = new("Network.Messaging");

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var traceParent = context.ReceiveContext.TransportHeaders.Get<string>(Header);
        if (!context.ReceiveContext.TransportHeaders.TryGetHeader("MT-Activity-Id", out _)
            && traceParent is not null
            && ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent)
            && Activity.Current?.TraceId != parent.TraceId)
        {
            using var activity = Source.StartActivity("tenant-link consume", ActivityKind.Consumer, parent);
            await next.Send(context).ConfigureAwait(false);
            return;
        }
        await next.Send(context).ConfigureAwait(false);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("traceparent");
}
