using Microsoft.Extensions.Logging;

namespace Network.Domain.Cluster;

/// <summary>
/// Carries a door's grain call (HTTP, the bus, the web app) across a change of the cluster: when the silo holding the
/// target grain stops (a rolling restart) or dies, the call fails with <see cref="SiloUnavailableException"/> or
/// another <see cref="OrleansMessageRejectionException"/> until the others have taken the grain over, which they do
/// within seconds (and a grain briefly active twice meanwhile fails one write on its version). The call is sent again after a short pause, a few times, before the failure reaches the door
/// (which answers 503).
/// </summary>
/// <remarks>
/// Only calls that start outside any grain are retried: a grain's own calls fail back to the door's call, which is
/// retried whole, so retries never multiply down a chain of calls.
/// A call sent again may have been carried out the first time (a silo that dies after its write committed and before
/// its answer left). The writes partners repeat most are applied once per message id (progress carries one from
/// every door, see <see cref="Commitments.CommitmentService"/>), and a tenant's creation carries the id of its call
/// (<see cref="Tenants.NewTenant.CreationId"/>), so the call sent again gets the tenant it made; another creation sent
/// again answers that what it creates exists (409).
/// </remarks>
public sealed partial class ClusterChangeRetryFilter(ILogger<ClusterChangeRetryFilter> logger) : IOutgoingGrainCallFilter
{
    /// <summary>The pauses before each further attempt: about 7 seconds in all, as long as a graceful hand-over takes.</summary>
    public static readonly IReadOnlyList<TimeSpan> Pauses =
    [
        TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3),
    ];

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A grain's own call goes straight on (no state machine of this filter's for every call between grains).
        return context.SourceContext is not null ? context.Invoke() : InvokeRetryingAsync(context);
    }

    private async Task InvokeRetryingAsync(IOutgoingGrainCallContext context)
    {
        for (var attempt = 0; ; attempt++)
        {
            Exception failure;
            try
            {
                await context.Invoke();
                // A rejection usually comes back as the call's answer rather than thrown here.
                if (context.Response?.Exception is not { } answered || !IsClusterChange(answered) || attempt >= Pauses.Count)
                {
                    return;
                }
                failure = answered;
            }
            catch (Exception thrown) when (IsClusterChange(thrown) && attempt < Pauses.Count)
            {
                failure = thrown;
            }
            LogRetrying(logger, context.InterfaceName, context.MethodName, context.TargetId, attempt + 1, failure.Message);
            await Task.Delay(Pauses[attempt]);
        }
    }

    /// <summary>
    /// The silo holding the grain stopped or died (a rejection), or, while the cluster hands grains over, a second
    /// activation of the grain met the first one's newer write and was refused (a version conflict: nothing was
    /// written, and the stale activation deactivates itself, so the call sent again reaches a fresh one).
    /// </summary>
    private static bool IsClusterChange(Exception failure) =>
        failure is OrleansMessageRejectionException or Orleans.Storage.InconsistentStateException;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "The cluster is changing: {Interface}.{Method} on {Grain} is sent again (attempt {Attempt}) after: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string @interface, string method, GrainId grain, int attempt, string reason);
}
