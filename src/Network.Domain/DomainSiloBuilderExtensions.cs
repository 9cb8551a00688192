using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Network.Domain.ApiKeys;
using Network.Domain.Tenancy;

namespace Network.Domain;

public static class DomainSiloBuilderExtensions
{
    /// <summary>What every silo running Network's grains needs: the isolation filter and the domain services.</summary>
    public static ISiloBuilder AddNetworkDomain(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddIncomingGrainCallFilter<TenantIsolationFilter>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<ApiKeyAuthenticator>();
        silo.Services.TryAddSingleton<TenantDirectory>();
        return silo;
    }
}
