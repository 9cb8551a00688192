using Network.Domain.Webhooks;

namespace Network.Host.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>Webhook calls over HTTP, with the settings of <see cref="WebhookOptions.Section"/>.</summary>
    public static IServiceCollection AddNetworkWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddHttpClient(HttpWebhookTransport.ClientName, client => client.Timeout = WebhookOutboxGrain.SendTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        // Replaces the domain's unconnected transport (registered only when missing).
        services.AddSingleton<IWebhookTransport, HttpWebhookTransport>();
        return services;
    }
}
