namespace Network.Host.Storage;

/// <summary>
/// TLS on the cluster's own connections (<c>Cluster:Tls</c>): silo to silo, and Orleans clients to the gateway.
/// With a certificate configured, every such connection is mutual TLS with the cluster certificate, in both
/// directions; a peer without a certificate that chains to the cluster's CA is refused during the handshake, before
/// it can send a single message (and so before any caller context it carries is believed).
/// </summary>
public static class ClusterTlsSiloBuilderExtensions
{
    /// <summary>
    /// Requires TLS on the silo's inbound silo and gateway connections and uses it on its outbound silo connections,
    /// when <paramref name="tls"/> names a certificate; does nothing when it is empty. Invalid settings throw an
    /// <see cref="InvalidOperationException"/> naming the setting.
    /// </summary>
    public static ISiloBuilder UseNetworkClusterTls(this ISiloBuilder silo, ClusterTlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(tls);
        var credentials = tls.Load();
        if (credentials is null)
        {
            return silo;
        }
        silo.Services.AddSingleton(credentials);
        return silo.UseTls(credentials.Configure);
    }

    /// <summary>
    /// The same for an Orleans client of the cluster's gateways: it presents the cluster certificate and accepts only
    /// gateways whose certificate chains to the cluster's CA.
    /// </summary>
    public static IClientBuilder UseNetworkClusterTls(this IClientBuilder client, ClusterTlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(tls);
        var credentials = tls.Load();
        if (credentials is null)
        {
            return client;
        }
        client.Services.AddSingleton(credentials);
        return client.UseTls(credentials.Configure);
    }
}
