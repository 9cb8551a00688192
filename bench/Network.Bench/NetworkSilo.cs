using Network.Host.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Network.Domain;
using Network.Host.Hosting;
using Network.Host.ReadModel;
using Network.Host.Storage;
using Network.Host.Workflows;
using Network.Workflows.Definitions;
using Orleans.Configuration;
using Network.Testing;

namespace Network.Bench;

/// <summary>What the in-process silo runs with besides what every wiring has (see <see cref="NetworkSilo"/>).</summary>
internal enum SiloWiring
{
    /// <summary>
    /// The engine scenario: the benchmark's one workflow (<see cref="BenchWorkflow"/>) as the library, and activations
    /// kept <see cref="NetworkSilo.BenchCollectionAge"/>.
    /// </summary>
    EngineBench,

    /// <summary>
    /// As the host: its workflow library loaded from <c>workflows/</c> beside the program (the host's
    /// <see cref="WorkflowLibrary"/>; the commitment's lifecycle starts on CommitmentRecorded and follows its
    /// progress), trace ids carried with grain calls and listened to as the host does, Orleans' default collection age.
    /// </summary>
    Host,
}

/// <summary>
/// An in-process silo wired as the host wires it (schema, read models, storage, domain, the domain services the
/// HTTP API and the bus call) on one database. What the library is and what else differs: <see cref="SiloWiring"/>.
/// Not here, since no scenario reaches them: HTTP and its key check, the message bus, webhooks' HTTP client, SMTP.
/// </summary>
internal static class NetworkSilo
{
    /// <summary>
    /// Long enough that no waiting instance is deactivated while the benchmark fills and measures, which can take
    /// longer than Orleans' default age (<see cref="DefaultCollectionAge"/>): the memory figure then counts every
    /// waiting instance's activation, the most an idle instance costs.
    /// </summary>
    public static readonly TimeSpan BenchCollectionAge = TimeSpan.FromHours(3);

    /// <summary>What the host runs with (it does not set the age): Orleans' own default.</summary>
    public static TimeSpan DefaultCollectionAge => new GrainCollectionOptions().CollectionAge;

    public static async Task<IHost> StartAsync(StorageOptions storage, SiloWiring wiring, CancellationToken cancellationToken)
    {
        using (var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)))
        {
            await SchemaMigrator.ApplyAsync(storage, loggerFactory.CreateLogger("bench.schema"), cancellationToken).ConfigureAwait(false);
        }

        // A fresh ServiceId per run: grain state is keyed by it, so a rerun on the same PostgreSQL database starts
        // new instances instead of finding the previous run's. (The rows beside grain state, such as the journal, are
        // keyed by the grain's key alone: the engine scenario's tenant is new each run for them.)
        var runId = Guid.NewGuid().ToString("N")[..12];
        var cluster = new ClusterSettings
        {
            SiloPort = FreePorts.Next(),
            GatewayPort = FreePorts.Next(),
            ServiceId = "bench-" + runId,
            ClusterId = "bench-" + runId,
        };

        // Configuration read once, as the host reads it: no file watcher on the current folder (see the setting).
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. NetworkHost.ReadConfigurationOnce] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        // Orleans warns about every grain turn over a second and about ServerGC on small machines; under a load test
        // on SQLite (one writer at a time) those are expected and would bury the table. Its errors still show.
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Services.AddNetworkReadModel(storage);
        // Before AddNetworkDomain, which only adds an empty library when none is registered.
        if (wiring == SiloWiring.Host)
        {
            // As the host registers it: loaded (and checked) by its hosted service before the silo starts.
            builder.Services.AddOptions<WorkflowOptions>();
            builder.Services.AddSingleton<WorkflowLibrary>();
            builder.Services.AddSingleton<IWorkflowDefinitions>(sp => sp.GetRequiredService<WorkflowLibrary>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<WorkflowLibrary>());
        }
        else
        {
            builder.Services.AddSingleton<IWorkflowDefinitions>(new BenchWorkflow());
        }
        builder.UseOrleans(silo =>
        {
            silo.AddNetworkStorage(storage, cluster);
            silo.AddNetworkDomain();
            if (wiring == SiloWiring.Host)
            {
                silo.AddActivityPropagation();
            }
            else
            {
                silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = BenchCollectionAge);
            }
        });
        builder.Services.AddNetworkDomainServices();
        // The services record every change in the audit trail, as in the host.
        builder.Services.AddNetworkAudit(builder.Configuration, storage);
        if (wiring == SiloWiring.Host)
        {
            builder.Services.AddHostedService<TraceActivities>();
        }

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
