using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Network.Domain.Audit;
using Network.Domain.Campaigns;
using Network.Domain.Commitments;
using Network.Domain.Commitments.ProgressImport;
using Network.Domain.Links;
using Network.Domain.Organisations;
using Network.Domain.Sessions;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Domain.Webhooks;
using Network.Domain.Workflows;

namespace Network.Domain;

/// <summary>
/// The domain services: one per area, the door every door uses (the HTTP API, the web app, the bus consumers).
/// Each reads its caller from <see cref="TenantCallContext"/> and checks every rule itself.
/// </summary>
public static class DomainServiceCollectionExtensions
{
    public static IServiceCollection AddNetworkDomainServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<TenantDirectory>();
        services.TryAddSingleton<CallerAccess>();
        // Every change a service makes goes through the auditor; the host provides the trail's table (IAuditTrail).
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Auditor>();
        services.TryAddSingleton<AuditService>();
        // The host binds Limits:Quotas; without it the defaults hold.
        services.AddOptions<Quotas.TenantQuotaOptions>();
        services.TryAddSingleton<Quotas.TenantQuotas>();
        // The host's message bus replaces this; without one there are no links to open.
        services.TryAddSingleton<ITenantLinkOpener, NoTenantLinks>();
        services.TryAddSingleton<TenantService>();
        services.TryAddSingleton<ProfileService>();
        services.TryAddSingleton<SessionService>();
        services.TryAddSingleton<CommitmentService>();
        services.TryAddSingleton<ProgressImportService>();
        services.TryAddSingleton<CampaignService>();
        services.TryAddSingleton<WorkflowDefinitionService>();
        services.TryAddSingleton<WorkflowInstanceService>();
        services.TryAddSingleton<TaskService>();
        services.TryAddSingleton<InboxService>();
        services.TryAddSingleton<Notifications.NotificationService>();
        services.TryAddSingleton<Reporting.ReportService>();
        // The host binds Notifications:Webhooks; without it the defaults hold (https only).
        services.AddOptions<WebhookOptions>();
        services.TryAddSingleton<WebhookService>();
        return services;
    }
}
