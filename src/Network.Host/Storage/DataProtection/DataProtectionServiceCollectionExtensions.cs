using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Network.Host.ReadModel;

namespace Network.Host.Storage.DataProtection;

/// <summary>Keeps ASP.NET Core's data-protection keys in the host's database (see <see cref="SqlDataProtectionKeys"/>).</summary>
public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// The application name every host shares: by default ASP.NET isolates keys by the content root path, which
    /// differs between installations of one cluster (and between a test's hosts), so cookies would not travel.
    /// </summary>
    public const string ApplicationName = "network";

    public static IServiceCollection AddNetworkDataProtection(this IServiceCollection services, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storage);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        // Configured after AddDataProtection so this repository replaces the default (a folder under the user's home).
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(keys =>
            keys.XmlRepository = new SqlDataProtectionKeys(
                ReadModelDialect.For(storage), sp.GetService<TimeProvider>() ?? TimeProvider.System)));
        return services;
    }
}
