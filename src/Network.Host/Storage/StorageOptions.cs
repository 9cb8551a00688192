using System.Net;

namespace Network.Host.Storage;

/// <summary>Which database holds grain state and reminders (and, on PostgreSQL, cluster membership).</summary>
public enum StorageProvider
{
    /// <summary>One embedded SQLite file; the silo uses localhost clustering.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL database; silos form a cluster through it.</summary>
    PostgreSql,
}

/// <summary>
/// The "Storage" configuration section: <c>Storage:Provider</c> (Sqlite or PostgreSQL, case-insensitive),
/// <c>Storage:ConnectionString</c> (PostgreSQL) and <c>Storage:Sqlite:Path</c>.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string SqliteProviderName = "Sqlite";
    public const string PostgreSqlProviderName = "PostgreSQL";

    /// <summary>"Sqlite" (the default) or "PostgreSQL", compared case-insensitively.</summary>
    public string Provider { get; set; } = SqliteProviderName;

    /// <summary>The Npgsql connection string; required when <see cref="Provider"/> is PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Settings of the embedded SQLite store.</summary>
    public SqliteStorageOptions Sqlite { get; set; } = new();

    /// <summary>
    /// PostgreSQL: how many writers commit grain state in parallel (each a group-commit batch on a connection of its
    /// own; a grain's rows always go to the same one). SQLite has one writer whatever this says. Default
    /// <see cref="DefaultWriters"/>.
    /// </summary>
    public int Writers { get; set; } = DefaultWriters;

    /// <summary>
    /// Half the processors this process may use, from 2 to 4. Each writer's batch costs a round trip and a commit on
    /// both sides, whatever its size, and a writer waits for its commit's flush before it sends the next. A second
    /// writer's batch runs on the server meanwhile: on 2 cores shared with the database, 2 writers made 10% to
    /// 19% more events/s than 1 (alternating runs of 8,000 events, 2026-12-05), and 3 no more than 2. More writers
    /// cost round trips and commits without more throughput there; a larger host keeps a few more batches in flight,
    /// for a server that flushes them in parallel. The writers' batches never wait on each other in a circle
    /// (<see cref="Pipeline.PostgresOwnerLocks"/>).
    /// </summary>
    public static int DefaultWriters { get; } = Math.Clamp(Environment.ProcessorCount / 2, 2, 4);

    /// <summary>The most grain-state units one transaction takes, so a burst does not become one huge transaction.</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>The provider as an enum; throws a clear <see cref="InvalidOperationException"/> on an unknown name.</summary>
    public StorageProvider Kind => ParseProvider(Provider);

    /// <summary>Reads and validates the "Storage" section. Any mistake is reported here, at start.</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new StorageOptions();
        configuration.GetSection(Section).Bind(options);
        options.Validate();
        return options;
    }

    /// <summary>Throws an <see cref="InvalidOperationException"/> that names the setting to fix.</summary>
    public void Validate()
    {
        switch (Kind)
        {
            case StorageProvider.PostgreSql when string.IsNullOrWhiteSpace(ConnectionString):
                throw new InvalidOperationException(
                    "Storage:Provider is PostgreSQL but Storage:ConnectionString is empty. " +
                    "Give a connection string, e.g. --Storage:ConnectionString=\"Host=127.0.0.1;Username=network;Password=...;Database=network\".");
            case StorageProvider.Sqlite when string.IsNullOrWhiteSpace(Sqlite.Path):
                throw new InvalidOperationException("Storage:Sqlite:Path is empty; give a file path such as ./data/network.db.");
            case var _ when Writers is < 1 or > 64:
                throw new InvalidOperationException($"Storage:Writers is {Writers}; give between 1 and 64 (default {DefaultWriters} on this machine).");
            case var _ when MaxBatch is < 1 or > 10_000:
                throw new InvalidOperationException($"Storage:MaxBatch is {MaxBatch}; give between 1 and 10000 (default 256).");
            default:
                return;
        }
    }

    /// <summary>The absolute path of the SQLite file.</summary>
    public string SqliteFullPath => System.IO.Path.GetFullPath(Sqlite.Path);

    /// <summary>The connection string the host uses for the configured database.</summary>
    public string ResolveConnectionString() => Kind switch
    {
        StorageProvider.Sqlite => StorageConnectionStrings.ForSqlite(SqliteFullPath),
        _ => StorageConnectionStrings.ForPostgreSql(ConnectionString ?? throw new InvalidOperationException("Storage:ConnectionString is required for PostgreSQL.")),
    };

    /// <summary>The ADO.NET invariant name under which Orleans 10.4.2 knows the configured provider.</summary>
    public string AdoNetInvariant => Kind switch
    {
        StorageProvider.Sqlite => StorageConnectionStrings.SqliteInvariant,
        _ => StorageConnectionStrings.PostgreSqlInvariant,
    };

    private static StorageProvider ParseProvider(string? provider)
    {
        if (string.Equals(provider, SqliteProviderName, StringComparison.OrdinalIgnoreCase))
        {
            return StorageProvider.Sqlite;
        }
        if (string.Equals(provider, PostgreSqlProviderName, StringComparison.OrdinalIgnoreCase))
        {
            return StorageProvider.PostgreSql;
        }
        throw new InvalidOperationException(
            $"Storage:Provider is '{provider}', which is not a storage provider this host knows. Use '{SqliteProviderName}' (the default) or '{PostgreSqlProviderName}'.");
    }
}

/// <summary>The "Storage:Sqlite" section.</summary>
public sealed class SqliteStorageOptions
{
    public const string DefaultPath = "./data/network.db";

    /// <summary>The database file; relative paths are taken from the current directory. Its folder is created if missing.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>
    /// <c>Full</c> (the default): every commit of grain state waits for the disk, so nothing acknowledged is lost even
    /// in a power cut. <c>Normal</c>: the WAL is synced only at checkpoints, faster, and still safe against a process
    /// crash (kill -9), but a power cut or kernel crash may lose the last acknowledged writes.
    /// </summary>
    public Pipeline.SqliteSynchronous Synchronous { get; set; } = Pipeline.SqliteSynchronous.Full;
}

/// <summary>
/// The "Cluster" configuration section: the silo's ports and the identity of the cluster. ServiceId is fixed so
/// that stored grain state and reminders (which are keyed by it) survive restarts.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Cluster";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ServiceId { get; set; } = "network";

    public string ClusterId { get; set; } = "network";

    /// <summary>
    /// The address other silos reach this one on (PostgreSQL clustering). Empty means loopback, which suits one
    /// machine; in a real cluster give the machine's or pod's address. The silo listens on this address too.
    /// </summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>
    /// How long a stopping host (SIGTERM, Ctrl+C) has to finish: HTTP requests in flight drain, then the silo leaves
    /// the cluster and hands its grains on to the others. Past it the process stops anyway, so an orchestrator's grace
    /// period (Kubernetes' <c>terminationGracePeriodSeconds</c>) must be longer.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;

    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Run under Orleans' Kubernetes hosting (the helm chart sets it): the silo labels its pod with the service and
    /// cluster ids and tells membership when a peer's pod is deleted. PostgreSQL only: membership stays in the database.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>The cluster certificate (<c>Cluster:Tls</c>): when set, silo and gateway connections require mutual TLS.</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>Reads and validates the "Cluster" section.</summary>
    public static ClusterSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new ClusterSettings();
        configuration.GetSection(Section).Bind(settings);
        settings.Validate();
        return settings;
    }

    /// <summary>Throws an <see cref="InvalidOperationException"/> that names the setting to fix.</summary>
    public void Validate()
    {
        if (SiloPort is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Cluster:SiloPort is {SiloPort}; it must be a TCP port between 1 and 65535.");
        }
        if (GatewayPort is < 1 or > 65535)
        {
            throw new InvalidOperationException($"Cluster:GatewayPort is {GatewayPort}; it must be a TCP port between 1 and 65535.");
        }
        if (SiloPort == GatewayPort)
        {
            throw new InvalidOperationException($"Cluster:SiloPort and Cluster:GatewayPort are both {SiloPort}; they must differ.");
        }
        if (string.IsNullOrWhiteSpace(ServiceId))
        {
            throw new InvalidOperationException("Cluster:ServiceId is empty; it keys all stored state, so keep it fixed (default 'network').");
        }
        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new InvalidOperationException("Cluster:ClusterId is empty (default 'network').");
        }
        if (ShutdownTimeout < TimeSpan.FromSeconds(1) || ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            throw new InvalidOperationException(
                $"Cluster:ShutdownTimeout is {ShutdownTimeout}; give between 00:00:01 and 00:10:00 (default 00:00:30).");
        }
        _ = AdvertisedAddress;
        Tls.Validate();
    }

    /// <summary>The parsed <see cref="AdvertisedIp"/>, or loopback when it is not set.</summary>
    public IPAddress AdvertisedAddress
    {
        get
        {
            if (string.IsNullOrWhiteSpace(AdvertisedIp))
            {
                return IPAddress.Loopback;
            }
            return IPAddress.TryParse(AdvertisedIp, out var address)
                ? address
                : throw new InvalidOperationException($"Cluster:AdvertisedIp is '{AdvertisedIp}', which is not an IP address.");
        }
    }
}
