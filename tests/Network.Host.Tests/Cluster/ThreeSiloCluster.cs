using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Network.Contracts.Commitments;
using Network.Host.Tests.Infrastructure;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Network.Host.Tests.Cluster;

/// <summary>
/// Three built hosts on loopback forming one Orleans cluster: one throwaway PostgreSQL for membership, grain state,
/// reminders and lists, one throwaway RabbitMQ for tenant links, each host with its own HTTP, silo and gateway ports.
/// A forum with the GFMD session C report imported, TMP with an integration key, and a library that adds "tick"
/// (a one-minute timer) to the shipped workflows. Tests stop, kill and restart silos; each test leaves all three up.
/// The tests send requests only to silos "in rotation", as a load balancer does once a pod is taken out.
/// </summary>
public sealed class ThreeSiloCluster : IAsyncLifetime, IDisposable
{
    public const int Size = 3;
    public const string BootstrapKey = "nwk_cluster-tests-bootstrap";

    /// <summary>How long a stopping silo has to leave and hand its grains on (the host's Cluster:ShutdownTimeout).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    private readonly PostgresServer _postgres = new();
    private readonly RabbitMqServer _broker = new();
    private readonly TempDirectory _files = new("network-cluster");
    private readonly HostProcess?[] _silos = new HostProcess?[Size];
    private readonly int[] _generations = new int[Size];
    private readonly string[] _earlierOutput = Enumerable.Repeat("", Size).ToArray();
    private readonly ConcurrentDictionary<(int Silo, int Generation, string Key), HttpClient> _clients = new();
    private readonly object _rotationLock = new();
    private readonly HashSet<int> _rotation = [];
    private readonly int[] _inFlight = new int[Size];
    private HostSettings[] _settings = [];
    private IHost? _orleansClient;
    private MachineLock? _machine;

    public string ConnectionString { get; private set; } = "";

    public RabbitMqServer Broker => _broker;

    public ForumScope Scope { get; private set; } = null!;

    public IReadOnlyList<string> Commitments { get; private set; } = [];

    /// <summary>The commitments TMP owns: what its own system may update over its link.</summary>
    public IReadOnlyList<string> TmpCommitments { get; private set; } = [];

    public string TmpIntegrationKey { get; private set; } = "";

    public IReadOnlyList<HostSettings> Settings => _settings;

    public async Task InitializeAsync()
    {
        // Alone on the machine: the browser tests of another assembly must not meet this load, nor this load them.
        _machine = await MachineLock.ExclusiveAsync(MachineLock.HeavyLoad);
        await Task.WhenAll(_postgres.InitializeAsync(), _broker.InitializeAsync());
        ConnectionString = await _postgres.CreateDatabaseAsync("cluster_" + Guid.NewGuid().ToString("N")[..8]);
        var workflows = TickWorkflow.WriteLibrary(_files.Path);
        _settings = Enumerable.Range(0, Size).Select(_ => HostSettings.Postgres(ConnectionString, BootstrapKey) with
        {
            Extra = new Dictionary<string, string>
            {
                ["Workflows:Directory"] = workflows,
                ["Messaging:Transport"] = "RabbitMq",
                ["Messaging:RabbitMq:Host"] = _broker.Host,
                ["Messaging:RabbitMq:Port"] = _broker.AmqpPort.ToString(CultureInfo.InvariantCulture),
                ["Cluster:ShutdownTimeout"] = ShutdownTimeout.ToString("c", CultureInfo.InvariantCulture),
            },
        }).ToArray();

        // All three at once, as a Deployment starts its pods: the schema scripts run once (the first takes a lock).
        await Task.WhenAll(Enumerable.Range(0, Size).Select(StartAsync));
        var root = Client(0, BootstrapKey);
        Scope = await ForumScope.CreateAsync(root);
        TmpIntegrationKey = (await root.IssueKeyAsync(Scope.Tmp.Id, "integration", "TMP's CRM")).Key;
        var coordinator = Client(1, Scope.CoordinatorKey);
        Commitments = await Scope.ImportSessionCAsync(coordinator);
        var owned = (await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{Scope.Tmp.Id}/commitments?limit=200"))!;
        TmpCommitments = owned.Items.Select(c => c.Id).ToList();
    }

    public async Task DisposeAsync()
    {
        if (_orleansClient is not null)
        {
            await _orleansClient.StopAsync();
            _orleansClient.Dispose();
        }
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        await Task.WhenAll(_silos.Where(s => s is not null).Select(s => s!.DisposeAsync().AsTask()));
        await ((IAsyncLifetime)_broker).DisposeAsync();
        await _postgres.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        _files.Dispose();
        _machine?.Dispose();
    }

    /// <summary>The exceptions a silo logged, in all its runs: what a failed request met.</summary>
    public IEnumerable<string> LoggedExceptions(int silo) =>
        (_earlierOutput[silo] + (_silos[silo]?.Output ?? "")).Split('\n')
            .Where(l => l.Contains("Exception:", StringComparison.Ordinal) && !l.Contains("is sent again", StringComparison.Ordinal))
            .Select(l => l.Trim()).Distinct();

    public string AllOutput(int silo) => _earlierOutput[silo] + (_silos[silo]?.Output ?? "");

    public HostProcess Silo(int silo) => _silos[silo] ?? throw new InvalidOperationException($"Silo {silo} is not running.");

    /// <summary>Starts a silo (again) with its settings and ports, waits until it is ready and puts it in rotation.</summary>
    public async Task StartAsync(int silo)
    {
        if (_silos[silo] is { HasExited: false })
        {
            throw new InvalidOperationException($"Silo {silo} is running already.");
        }
        if (_silos[silo] is { } stopped)
        {
            await stopped.DisposeAsync();
            _earlierOutput[silo] += stopped.Output;
        }
        _silos[silo] = await HostProcess.StartAsync(_settings[silo]);
        Interlocked.Increment(ref _generations[silo]);
        lock (_rotationLock)
        {
            _rotation.Add(silo);
        }
    }

    /// <summary>Sends no more requests to a silo; those it is serving go on (a crash cuts them).</summary>
    public void TakeOutOfRotation(int silo)
    {
        lock (_rotationLock)
        {
            _rotation.Remove(silo);
        }
    }

    /// <summary>
    /// Brings back any silo a failed test left stopped, so each test begins with the whole cluster; a test that fails
    /// half-way must not fail the next one too.
    /// </summary>
    public async Task EnsureAllRunningAsync()
    {
        for (var silo = 0; silo < Size; silo++)
        {
            if (_silos[silo] is null or { HasExited: true })
            {
                await StartAsync(silo);
            }
            lock (_rotationLock)
            {
                _rotation.Add(silo);
            }
        }
    }

    /// <summary>Takes a silo out of rotation and waits for the requests it is serving to be answered (a drain).</summary>
    public async Task DrainAsync(int silo)
    {
        TakeOutOfRotation(silo);
        while (Volatile.Read(ref _inFlight[silo]) > 0)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>The silos a load balancer would send to now.</summary>
    public IReadOnlyList<int> InRotation()
    {
        lock (_rotationLock)
        {
            return _rotation.Order().ToList();
        }
    }

    /// <summary>Runs a request against a silo in rotation (round robin by <paramref name="turn"/>), counted in flight.</summary>
    public async Task<T> OnSiloInRotationAsync<T>(int turn, string key, Func<int, HttpClient, Task<T>> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int silo;
        lock (_rotationLock)
        {
            var rotation = _rotation.Order().ToList();
            if (rotation.Count == 0)
            {
                throw new InvalidOperationException("No silo is in rotation.");
            }
            silo = rotation[turn % rotation.Count];
            // Counted while the lock is held, so taking the silo out waits for this request.
            Interlocked.Increment(ref _inFlight[silo]);
        }
        try
        {
            return await request(silo, Client(silo, key));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight[silo]);
        }
    }

    /// <summary>
    /// A client of one silo's process for one key, owned by the fixture: a restarted silo gets new clients, so no
    /// request goes out on a pooled connection to the process that died.
    /// </summary>
    public HttpClient Client(int silo, string key) =>
        _clients.GetOrAdd((silo, Volatile.Read(ref _generations[silo]), key), _ => Silo(silo).CreateClient(key));

    /// <summary>The status Orleans' membership table gives the silo listening on this port (its latest generation).</summary>
    public async Task<SiloStatus> MembershipStatusAsync(int silo)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status FROM orleans_membership WHERE port = @port ORDER BY generation DESC LIMIT 1";
        command.Parameters.AddWithValue("port", _settings[silo].SiloPort);
        return await command.ExecuteScalarAsync() is int status ? (SiloStatus)status : SiloStatus.None;
    }

    public async Task<long> DataProtectionKeyCountAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM data_protection_key";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>How many grain activations each silo holds, by silo port, as Orleans' management grain counts them.</summary>
    public async Task<IReadOnlyDictionary<int, int>> ActivationsBySiloPortAsync()
    {
        _orleansClient ??= await StartOrleansClientAsync();
        var management = _orleansClient.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        return statistics.GroupBy(s => s.SiloAddress.Endpoint.Port).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    private async Task<IHost> StartOrleansClientAsync()
    {
        var host = new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.UseAdoNetClustering(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = ConnectionString;
                });
                client.Configure<ClusterOptions>(options =>
                {
                    options.ServiceId = "network";
                    options.ClusterId = "network";
                });
            })
            .Build();
        await host.StartAsync();
        return host;
    }
}

/// <summary>
/// The cluster's tests run on their own, after the rest: three hosts, a PostgreSQL and a RabbitMQ are most of what
/// two cores can carry, and the failure counts they assert must not come from a neighbour's load.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ThreeSiloCluster>
{
    public const string Name = "three-silo cluster";
}
