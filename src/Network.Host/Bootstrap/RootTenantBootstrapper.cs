using Network.Domain.Tenancy;
using Network.Domain.Tenants;

namespace Network.Host.Bootstrap;

/// <summary>
/// On first start with empty storage, creates the root tenant and its first coordinator key: the one in
/// NETWORK_BOOTSTRAP_KEY when set, else a generated one, printed this once. Later starts find the root and do nothing.
/// Registered after the silo, so it runs once the silo is up and before Kestrel accepts requests.
/// </summary>
public sealed partial class RootTenantBootstrapper(
    IGrainFactory grains, IConfiguration configuration, ILogger<RootTenantBootstrapper> logger) : IHostedService
{
    public const string RootId = "network";
    public const string BootstrapKeyVariable = "NETWORK_BOOTSTRAP_KEY";

    private volatile bool _completed;

    public bool Completed => _completed;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var bootstrapKey = configuration[BootstrapKeyVariable];
        RootBootstrap outcome;
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            outcome = await grains.GetGrain<ITenantGrain>(TenantPath.Root(RootId).Value).EnsureRoot("Network", bootstrapKey);
        }

        if (!outcome.Created)
        {
            LogRootPresent(logger, RootId);
        }
        else if (outcome.GeneratedKey is { } generated)
        {
            // Printed, not logged: log sinks are often shipped elsewhere, and this is the only copy of the key.
            await Console.Out.WriteLineAsync(
                $"Created root tenant '{RootId}'. Its first coordinator key, shown this once: {generated}");
        }
        else
        {
            LogRootCreatedWithBootstrapKey(logger, RootId, BootstrapKeyVariable);
        }
        _completed = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Root tenant '{Root}' is in place")]
    private static partial void LogRootPresent(ILogger logger, string root);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created root tenant '{Root}' with the coordinator key from {Variable}")]
    private static partial void LogRootCreatedWithBootstrapKey(ILogger logger, string root, string variable);
}
