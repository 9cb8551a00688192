namespace Network.Contracts.Messaging;

/// <summary>The names a tenant's systems need to talk to the network over a message broker.</summary>
public static class TenantLinks
{
    /// <summary>The message header that carries the sender's integration key.</summary>
    public const string KeyHeader = "network-key";

    /// <summary>The exchange a tenant's systems publish to.</summary>
    public static string InboundExchange(string tenantId) => $"network.tenant.{tenantId}.in";

    /// <summary>
    /// The inbound exchange's alternate exchange: bound to the inbound queue before the inbound exchange is made, it
    /// takes what a tenant publishes before the inbound exchange's own binding exists, so nothing confirmed is dropped.
    /// </summary>
    public static string UnboundExchange(string tenantId) => InboundExchange(tenantId) + "_unbound";

    /// <summary>
    /// The address a MassTransit sender uses for the tenant's inbound exchange. MassTransit declares what it sends to,
    /// and the broker refuses a declaration whose arguments differ from the exchange's (PRECONDITION_FAILED, after
    /// which MassTransit retries without end): the address names the alternate exchange the host made it with.
    /// </summary>
    public static Uri InboundAddress(string tenantId) =>
        new($"exchange:{InboundExchange(tenantId)}?alternateexchange={UnboundExchange(tenantId)}");

    /// <summary>The exchange the network publishes the tenant's events to; bind your own queues to it.</summary>
    public static string OutboundExchange(string tenantId) => $"network.tenant.{tenantId}.out";

    /// <summary>The events the network publishes, by the name that travels in the AMQP "type" property.</summary>
    public static IReadOnlyList<Type> PublishedEvents { get; } =
    [
        typeof(CommitmentRecorded), typeof(ProgressReported), typeof(CommitmentStalled), typeof(EscalationRaised),
        typeof(MilestoneReached), typeof(TaskAssigned), typeof(ReportPublished), typeof(CampaignLaunched),
    ];

    /// <summary>The messages a tenant may send; a plain JSON message names one of these in its AMQP "type" property.</summary>
    public static IReadOnlyList<Type> AcceptedMessages { get; } =
    [
        typeof(ReportProgress), typeof(CompleteTask), typeof(ExpressInterest), typeof(AnnounceCampaignStructure), typeof(CampaignUpdated),
    ];

    /// <summary>An accepted message's type by its name (e.g. "ReportProgress"), or null.</summary>
    public static Type? AcceptedMessage(string name) =>
        AcceptedMessages.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>A published event's type by its name (e.g. "ProgressReported"), or null.</summary>
    public static Type? PublishedEvent(string name) =>
        PublishedEvents.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
