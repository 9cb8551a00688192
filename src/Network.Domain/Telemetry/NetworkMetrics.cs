using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Network.Domain.Telemetry;

/// <summary>
/// Network's own metrics, on the meter "Network": each is recorded where the thing happens (the workflow instance
/// grain, the wait index, the link endpoints and outbox, the write pipeline), and the gauges are read from the read
/// model through <see cref="OperationalCounts"/>. One singleton per host, made by the host's meter factory, so a test
/// that runs several hosts in one process keeps their figures apart per container.
/// </summary>
/// <remarks>
/// No tag carries a tenant id: a network has hundreds of partners, and a series per tenant and instrument would
/// outgrow what a Prometheus server is glad to keep; per-tenant questions are answered by the API's lists. Tags are
/// small closed sets: a definition id (published by coordinators: a handful per network), an event or message
/// name (the contracts and the definitions' events), an escalation level, a status, a refusal's reason.
/// </remarks>
public sealed class NetworkMetrics
{
    public const string MeterName = "Network";

    /// <summary>Seconds: from a millisecond (a lone SQLite commit) to ten seconds (a stuck disk or database).</summary>
    private static readonly double[] CommitBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _kept;
    private readonly Counter<long> _timers;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _stalled;
    private readonly Counter<long> _linkIn;
    private readonly Counter<long> _linkOut;
    private readonly Counter<long> _linkRefused;
    private readonly Counter<long> _linkRetried;
    private readonly Histogram<double> _commit;

    public NetworkMetrics(IMeterFactory meters, OperationalCounts? counts = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(new MeterOptions(MeterName));
        _started = meter.CreateCounter<long>(NetworkMetricNames.InstancesStarted, "{instance}", "Workflow instances started");
        _completed = meter.CreateCounter<long>(NetworkMetricNames.InstancesCompleted, "{instance}", "Workflow instances that completed");
        _failed = meter.CreateCounter<long>(NetworkMetricNames.InstancesFailed, "{instance}", "Workflow instances that failed");
        _delivered = meter.CreateCounter<long>(NetworkMetricNames.EventsDelivered, "{event}", "Events a waiting workflow instance took");
        _kept = meter.CreateCounter<long>(NetworkMetricNames.EventsKept, "{event}", "Events kept for waits that did not exist yet");
        _timers = meter.CreateCounter<long>(NetworkMetricNames.TimersFired, "{timer}", "Workflow timers and wait timeouts that fired");
        _escalations = meter.CreateCounter<long>(NetworkMetricNames.EscalationsRaised, "{escalation}", "Escalations workflows raised, by level");
        _stalled = meter.CreateCounter<long>(NetworkMetricNames.CommitmentsMarkedStalled, "{commitment}",
            "Commitments a workflow marked stalled (no progress within stallAfter)");
        _linkIn = meter.CreateCounter<long>(NetworkMetricNames.LinkMessagesIn, "{message}", "Messages that reached a tenant's inbound link");
        _linkOut = meter.CreateCounter<long>(NetworkMetricNames.LinkMessagesOut, "{message}", "Events the broker took for a tenant's outbound link");
        _linkRefused = meter.CreateCounter<long>(NetworkMetricNames.LinkMessagesRefused, "{message}",
            "Inbound link messages refused (sent to the _error queue without retries)");
        _linkRetried = meter.CreateCounter<long>(NetworkMetricNames.LinkMessagesRetried, "{attempt}", "Inbound link messages tried again after a failure");
        _commit = meter.CreateHistogram(NetworkMetricNames.StorageCommitDuration, "s", "How long the write pipeline took to commit one batch of grain writes",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CommitBuckets });
        if (counts is not null)
        {
            meter.CreateObservableGauge(NetworkMetricNames.IncidentsOpen, counts.OpenIncidents,
                "{incident}", "Workflow incidents waiting for an operator");
            meter.CreateObservableGauge(NetworkMetricNames.Commitments, counts.CommitmentsByStatus,
                "{commitment}", "Commitments by their recorded status");
        }
    }

    public void InstanceStarted(string definition) => _started.Add(1, Tag("definition", definition));

    public void InstanceCompleted(string definition) => _completed.Add(1, Tag("definition", definition));

    public void InstanceFailed(string definition) => _failed.Add(1, Tag("definition", definition));

    public void EventDelivered(string eventName) => _delivered.Add(1, Tag("event", eventName));

    public void EventKept(string eventName) => _kept.Add(1, Tag("event", eventName));

    /// <param name="kind"><c>timer</c> (a <c>wait</c> or a retry came due) or <c>timeout</c> (a <c>wait-for</c> timed out).</param>
    public void TimerFired(string kind) => _timers.Add(1, Tag("kind", kind));

    public void EscalationRaised(int level) => _escalations.Add(1, Tag("level", level));

    public void CommitmentMarkedStalled() => _stalled.Add(1);

    public void LinkMessageIn() => _linkIn.Add(1);

    /// <param name="message">The event's contract name, e.g. <c>ProgressReported</c>.</param>
    public void LinkMessageOut(string message) => _linkOut.Add(1, Tag("message", message));

    /// <param name="reason">A short closed set: <c>refused</c> (key, sender, shape), <c>invalid</c>, <c>not-found</c>, <c>conflict</c>, <c>forbidden</c>.</param>
    public void LinkMessageRefused(string reason) => _linkRefused.Add(1, Tag("reason", reason));

    public void LinkMessageRetried() => _linkRetried.Add(1);

    /// <param name="provider"><c>sqlite</c> or <c>postgresql</c>.</param>
    public void StorageBatchCommitted(string provider, TimeSpan took, bool succeeded) =>
        _commit.Record(took.TotalSeconds, Tag("provider", provider), Tag("outcome", succeeded ? "committed" : "failed"));

    private static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
