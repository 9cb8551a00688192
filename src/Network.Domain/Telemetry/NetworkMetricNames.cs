namespace Network.Domain.Telemetry;

/// <summary>
/// Every instrument of the meter <see cref="NetworkMetrics.MeterName"/>, in one list: the names operators query and
/// dashboards are built on, so they change only on purpose (the README's Telemetry table lists them too). A Prometheus
/// scrape shows them with dots as underscores and the unit and type appended (e.g.
/// <c>network_workflow_instances_started_total</c>, <c>network_storage_commit_duration_seconds</c>).
/// </summary>
public static class NetworkMetricNames
{
    public const string InstancesStarted = "network.workflow.instances.started";
    public const string InstancesCompleted = "network.workflow.instances.completed";
    public const string InstancesFailed = "network.workflow.instances.failed";
    public const string EventsDelivered = "network.workflow.events.delivered";
    public const string EventsKept = "network.workflow.events.kept";
    public const string TimersFired = "network.workflow.timers.fired";
    public const string EscalationsRaised = "network.workflow.escalations.raised";
    public const string CommitmentsMarkedStalled = "network.commitments.stalled";
    public const string IncidentsOpen = "network.workflow.incidents.open";
    public const string Commitments = "network.commitments";
    public const string LinkMessagesIn = "network.link.messages.in";
    public const string LinkMessagesOut = "network.link.messages.out";
    public const string LinkMessagesRefused = "network.link.messages.refused";
    public const string LinkMessagesRetried = "network.link.messages.retried";
    public const string StorageCommitDuration = "network.storage.commit.duration";

    /// <summary>All of them, in the order the README's table lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        InstancesStarted, InstancesCompleted, InstancesFailed, EventsDelivered, EventsKept, TimersFired,
        EscalationsRaised, CommitmentsMarkedStalled, IncidentsOpen, Commitments,
        LinkMessagesIn, LinkMessagesOut, LinkMessagesRefused, LinkMessagesRetried, StorageCommitDuration,
    ];
}
