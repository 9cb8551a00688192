using System.Globalization;
using Network.Host.Storage;
using Network.Host.Tests.Infrastructure;
using Network.Host.Tests.Storage;

namespace Network.Host.Tests.Cluster;

/// <summary>
/// One host process on PostgreSQL whose cluster connections require TLS: its certificate is issued by an
/// intermediate of the cluster's CA (tls.crt holds both, as cert-manager writes it), and ca.crt holds the root. The
/// fixture also makes an outsider's CA and certificate, with the same subject names as the cluster's.
/// </summary>
public sealed class ClusterTlsHostFixture(PostgresServer postgres) : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("network-cluster-tls");
    private HostProcess? _host;

    public string BootstrapKey { get; } = "bootstrap-" + Guid.NewGuid().ToString("N");

    /// <summary>The cluster's certificate files, which the host runs with.</summary>
    public ClusterTlsFiles Cluster { get; private set; } = null!;

    /// <summary>A certificate from another CA (its own ca.crt beside it), with the cluster's subject names.</summary>
    public ClusterTlsFiles Outsider { get; private set; } = null!;

    public HostSettings Settings { get; private set; } = null!;

    /// <summary>The host's database: clustering (membership), storage and reminders.</summary>
    public StorageOptions Storage { get; private set; } = null!;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        using (var authority = ClusterTlsCertificates.CreateAuthority("Network cluster CA"))
        using (var issuer = ClusterTlsCertificates.CreateIntermediate(authority, "Network cluster issuer"))
        using (var silo = ClusterTlsCertificates.CreateLeaf(issuer, "network-silo"))
        {
            Cluster = ClusterTlsCertificates.Write(_directory, "cluster", silo, authority, issuer);
        }
        using (var authority = ClusterTlsCertificates.CreateAuthority("Network cluster CA"))
        using (var silo = ClusterTlsCertificates.CreateLeaf(authority, "network-silo"))
        {
            Outsider = ClusterTlsCertificates.Write(_directory, "outsider", silo, authority);
        }

        var connectionString = await postgres.CreateDatabaseAsync();
        Storage = new StorageOptions { Provider = StorageOptions.PostgreSqlProviderName, ConnectionString = connectionString };
        Settings = HostSettings.Postgres(connectionString, BootstrapKey) with
        {
            Extra = Cluster.Settings().ToDictionary(s => s.Key, s => s.Value),
        };
        _host = await HostProcess.StartAsync(Settings);
    }

    public HttpClient CreateClient() => Host.CreateClient(BootstrapKey);

    /// <summary>The status (Orleans' SiloStatus: 2 joining, 3 active, 6 dead) of every row of a silo port.</summary>
    public async Task<IReadOnlyList<int>> MembershipStatusesAsync(int siloPort)
    {
        var rows = await TestDatabase.QueryAsync(Storage,
            "SELECT status FROM orleans_membership WHERE port = @port ORDER BY generation", ("port", siloPort));
        return rows.Select(r => Convert.ToInt32(r["status"], CultureInfo.InvariantCulture)).ToList();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public void Dispose() => _directory.Dispose();
}
