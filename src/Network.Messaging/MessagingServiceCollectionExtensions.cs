using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Network.Domain.Links;
using Network.Messaging.Inbound;
using Network.Messaging.Inbound.Consumers;
using Network.Messaging.Outbound;

namespace Network.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// The message bus of tenant links (MassTransit 8.5.12), on the transport "Messaging:Transport" names: InMemory
    /// (the default) or RabbitMq ("Messaging:RabbitMq:Host/Port/VirtualHost/Username/Password"). Call after the
    /// silo is configured: it replaces the domain's unconnected link transport with the bus.
    /// </summary>
    public static IServiceCollection AddNetworkMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        if (options.RabbitMq.Port is < 1 or > ushort.MaxValue)
        {
            throw new InvalidOperationException($"Messaging:RabbitMq:Port must be between 1 and 65535, not {options.RabbitMq.Port}.");
        }
        if (string.IsNullOrWhiteSpace(options.RabbitMq.Host))
        {
            throw new InvalidOperationException("Messaging:RabbitMq:Host may not be empty.");
        }
        if (options.LinkConcurrency is < 1 or > MessagingOptions.MaxLinkConcurrency)
        {
            throw new InvalidOperationException(
                $"Messaging:LinkConcurrency must be between 1 and {MessagingOptions.MaxLinkConcurrency}, not {options.LinkConcurrency}.");
        }
        services.AddSingleton(Options.Create(options));
        services.AddSingleton<RabbitMqExchanges>();
        services.AddSingleton<BrokerProbe>();
        services.AddSingleton<LinkRefusalAudit>();
        // The host binds Limits:Rate; without it the defaults hold.
        services.AddOptions<Network.Domain.Quotas.RateLimitOptions>();
        services.AddSingleton<LinkMessageLimits>();
        services.AddSingleton<TenantLinkEndpoints>();
        // A new integration key opens its tenant's link at once (the domain's tenant service asks for it).
        services.AddSingleton<ITenantLinkOpener>(sp => sp.GetRequiredService<TenantLinkEndpoints>());
        services.AddSingleton<LinkTargets>();
        services.AddSingleton<CampaignMessages>();
        services.AddSingleton<ILinkTransport, BusLinkTransport>();
        services.AddHostedService<TenantLinkStartup>();
        services.AddMassTransit(bus =>
        {
            // Consumers are attached to each tenant's inbound endpoint as its link opens, never to endpoints of their own.
            bus.AddConsumer<ReportProgressConsumer>();
            bus.AddConsumer<CompleteTaskConsumer>();
            bus.AddConsumer<ExpressInterestConsumer>();
            bus.AddConsumer<AnnounceCampaignStructureConsumer>();
            bus.AddConsumer<CampaignUpdatedConsumer>();
            if (options.Transport == MessagingTransport.RabbitMq)
            {
                var rabbit = options.RabbitMq;
                bus.UsingRabbitMq((_, broker) =>
                {
                    broker.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, host =>
                    {
                        host.Username(rabbit.Username);
                        host.Password(rabbit.Password);
                        host.PublisherConfirmation = true;
                    });
                });
            }
            else
            {
                bus.UsingInMemory();
            }
        });
        return services;
    }
}
