namespace Network.Contracts.Messaging;

/// <summary>The names a tenant's systems need to talk to the network over a message broker.</summary>
public static class TenantLinks
{
    /// <summary>The message header that carries the sender's integration key.</summary>
    public const string KeyHeader = "network-key";

    /// <summary>The exchange a tenant's systems publish to.</summary>
    public static string InboundExchange(string tenantId) => $"network.tenant.{tenantId}.in";

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
