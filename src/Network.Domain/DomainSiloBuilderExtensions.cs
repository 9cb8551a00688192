using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Network.Domain.ApiKeys;
using Network.Domain.Campaigns;
using Network.Domain.Commitments;
using Network.Domain.Links;
using Network.Domain.ReadModel;
using Network.Domain.Reports;
using Network.Domain.Tenants;
using Network.Domain.Workflows;
using Network.Workflows.Definitions;
using Network.Domain.Tenancy;
using Network.Domain.Webhooks;

namespace Network.Domain;

public static class DomainSiloBuilderExtensions
{
    /// <summary>What every silo running Network's grains needs: the isolation filter and the domain services.
    /// The host registers the read models (<see cref="ICommitmentReadModel"/>, <see cref="ITenantReadModel"/>, <see cref="IWorkflowInstanceReadModel"/>,
    /// <see cref="ICampaignReadModel"/>).</summary>
    public static ISiloBuilder AddNetworkDomain(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddIncomingGrainCallFilter<TenantIsolationFilter>();
        // A door's call outlives a silo that stops or dies under it (see the filter for what that means for writes).
        silo.AddOutgoingGrainCallFilter<Cluster.ClusterChangeRetryFilter>();
        // After Orleans' own provider (an interface that names its type), before its convention (spelled per reference).
        silo.Services.AddSingleton<IGrainInterfaceTypeProvider, Cluster.GrainInterfaceTypeCache>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        // The meter "Network" (the host exports it; without an exporter recording costs next to nothing).
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<Telemetry.NetworkMetrics>();
        silo.Services.TryAddSingleton<ApiKeyAuthenticator>();
        silo.Services.TryAddSingleton<TenantDirectory>();
        silo.Services.TryAddSingleton<SessionImporter>();
        silo.Services.TryAddSingleton<IWorkflowDefinitions, EmptyWorkflowDefinitions>();
        silo.Services.TryAddSingleton<WorkflowDefinitionResolver>();
        silo.Services.TryAddSingleton<WaitLookupCache>();
        silo.Services.TryAddSingleton<WaitMembersHints>();
        silo.Services.TryAddSingleton<WorkflowTriggers>();
        silo.Services.TryAddSingleton<WorkflowAudience>();
        silo.Services.TryAddSingleton<TenantLinkDelivery>();
        // The host replaces this with its SMTP sender when one is configured; without one, e-mail is off.
        silo.Services.TryAddSingleton<Notifications.IEmailSender, Notifications.DisabledEmailSender>();
        silo.Services.TryAddSingleton<Notifications.UnsubscribeLinks>();
        silo.Services.TryAddSingleton<Notifications.NotificationDelivery>();
        // The host replaces this with its message bus; without one, link events wait in their outboxes.
        silo.Services.TryAddSingleton<ILinkTransport, UnconnectedLinkTransport>();
        // The host replaces this with its HTTP client; without one, webhook deliveries wait in their outboxes.
        silo.Services.TryAddSingleton<IWebhookTransport, UnconnectedWebhookTransport>();
        silo.Services.AddOptions<WebhookOptions>();
        // The grains' read-model rows can be rebuilt from what they stored (the host supplies the read models).
        silo.Services.AddSingleton<IReadModelSource, TenantReadModelSource>();
        silo.Services.AddSingleton<IReadModelSource, CommitmentReadModelSource>();
        silo.Services.AddSingleton<IReadModelSource, WorkflowInstanceReadModelSource>();
        silo.Services.AddSingleton<IReadModelSource, CampaignReadModelSource>();
        return silo;
    }
}
