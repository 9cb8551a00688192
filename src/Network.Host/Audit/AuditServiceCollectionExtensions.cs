using Network.Domain.Audit;
using Network.Host.Storage;

namespace Network.Host.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// The audit trail on the configured database (<see cref="IAuditTrail"/>) and the deletion of lines past
    /// <c>Audit:Retention</c>. Add it after the schema initializer: the retention's first pass runs at start.
    /// </summary>
    public static IServiceCollection AddNetworkAudit(this IServiceCollection services, IConfiguration configuration, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
        options.Validate();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(new SqlAuditTrail(storage));
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<SqlAuditTrail>());
        services.AddHostedService<AuditRetention>();
        return services;
    }
}
