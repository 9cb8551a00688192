using Microsoft.AspNetCore.Authentication;
using Network.Domain;
using Network.Documents;
using Network.Host.Api.Http;
using Network.Host.Api.Tenants;
using Network.Host.Api.Sessions;
using Network.Host.Api.Commitments;
using Network.Host.Api.Campaigns;
using Network.Host.Api.Workflows;
using Network.Host.Api.Instances;
using Network.Host.Api.Tasks;
using Network.Host.Api.Audit;
using Network.Host.Api.Notifications;
using Network.Host.Audit;
using Network.Host.Api.Reports;
using Network.Host.Api.Webhooks;
using Network.Messaging;
using Network.Host.Api.Auth;
using Network.Host.Bootstrap;
using Network.Host.Health;
using Network.Domain.Quotas;
using Network.Host.Limits;
using Network.Host.ReadModel;
using Network.Host.Workflows;
using Network.Workflows.Definitions;
using Network.Host.Storage;
using Network.Host.Storage.DataProtection;
using Network.Host.Telemetry;
using Network.Host.Webhooks;
using Network.Web;

namespace Network.Host.Hosting;

/// <summary>Wires the one process: storage schema, Orleans silo, HTTP API. Program.cs only calls these two.</summary>
public static class NetworkHost
{
    /// <summary>
    /// How the host's builder is made, and so where its configuration comes from (appsettings.json and
    /// appsettings.{environment}.json in the current folder, environment variables, the command line); the `backup`
    /// and `restore` commands read the storage settings the same way.
    /// </summary>
    public static WebApplicationOptions BuilderOptions(string[] args) => new()
    {
        Args = [.. ReadConfigurationOnce, .. args],
        // The application is the host whoever starts it (the tests run it in their own process too): its name finds
        // the web app's static asset manifests (Network.Host.staticwebassets.*.json) beside the assembly.
        ApplicationName = typeof(NetworkHost).Assembly.GetName().Name,
    };

    /// <summary>
    /// The setting (as a command-line argument, before the caller's, which may turn it back on) that reads the
    /// configuration files once, at start. Watching them for changes puts a recursive file watcher on the current
    /// folder, which holds the SQLite database by default (<c>./data</c>): every write to the database and its WAL
    /// then woke the watcher's thread. In a benchmark of 10,000 starts and events that was 5.8 s of the 15 s of
    /// system CPU. The host reads its settings once anyway (a changed setting takes a restart).
    /// </summary>
    public static readonly IReadOnlyList<string> ReadConfigurationOnce = ["--hostBuilder:reloadConfigOnChange=false"];

    /// <param name="services">
    /// Registrations that go before the host's own (whose defaults are added only when missing): tests give the host
    /// a clock they set, to record history at chosen dates.
    /// </param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(BuilderOptions(args));
        services?.Invoke(builder.Services);
        var configuration = builder.Configuration;

        if (string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(ApiOptions.DefaultUrl);
        }
        var api = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = api.MaxRequestBodyBytes);
        // Endpoints with a limit of their own read it from here (BodyLimit).
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(api));

        var storage = StorageOptions.From(configuration);
        var cluster = ClusterSettings.From(configuration);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(storage));
        // A stop drains HTTP first (Kestrel stops before the silo: reverse start order), then the silo leaves.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = cluster.ShutdownTimeout);
        builder.Services.AddNetworkStorageProbe(storage);
        builder.Services.AddNetworkReadModel(storage);
        builder.Services.Configure<WorkflowOptions>(configuration.GetSection(WorkflowOptions.Section));
        // What one tenant may hold or use (Limits:Quotas), checked in the domain for every door.
        var quotas = configuration.GetSection(Network.Domain.Quotas.TenantQuotaOptions.Section).Get<Network.Domain.Quotas.TenantQuotaOptions>()
            ?? new Network.Domain.Quotas.TenantQuotaOptions();
        quotas.Validate();
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(quotas));
        builder.Services.AddSingleton<WorkflowLibrary>();
        builder.Services.AddSingleton<IWorkflowDefinitions>(sp => sp.GetRequiredService<WorkflowLibrary>());
        // Definitions first: an invalid library stops the host before it touches storage.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WorkflowLibrary>());

        // Order matters: hosted services start in registration order. The SQLite file's lock and schema first, then the
        // silo, then the read model catch-up, then the root tenant, and only then Kestrel (the web host starts last).
        if (storage.Kind == StorageProvider.Sqlite)
        {
            builder.Services.AddHostedService<SqliteDatabaseLockHolder>();
        }
        builder.Services.AddHostedService<StorageSchemaInitializer>();
        // Cookies and antiforgery tokens are encrypted with keys every host on this database shares. After the schema:
        // data protection loads its key ring from the database in a hosted service of its own.
        builder.Services.AddNetworkDataProtection(storage);
        builder.Services.AddSingleton<SiloActivity>();
        builder.UseOrleans(silo =>
        {
            silo.AddNetworkStorage(storage, cluster);
            silo.AddNetworkDomain();
            // Trace ids travel with grain calls, so a message's trace id reaches the workflow journal.
            silo.AddActivityPropagation();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloActivity>());
        });
        // The audit trail's table (the state pipeline writes a change's line with the change) and its retention.
        builder.Services.AddNetworkAudit(configuration, storage);
        // Lists are caught up with what grains stored before anything is served (a crash may have cut a write short).
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReadModelRebuildService>());
        builder.Services.AddSingleton<RootTenantBootstrapper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RootTenantBootstrapper>());
        builder.Services.AddHostedService<LibraryScheduleStarter>();
        // Tenant links: the bus, then each link's endpoints once the silo answers (after the services above).
        builder.Services.AddNetworkMessaging(configuration);
        // Webhooks: their events leave through each tenant's webhook outbox over HTTP.
        builder.Services.AddNetworkWebhooks(configuration);
        // The one door every door uses: the API's endpoints, the bus consumers and the web app call these services.
        builder.Services.AddNetworkDomainServices();
        builder.Services.AddReportDocuments();
        builder.Services.AddNetworkNotifications(configuration);
        // Trace ids exist with or without an exporter (the journal and the log carry them); OpenTelemetry exports.
        builder.Services.AddHostedService<TraceActivities>();
        builder.AddNetworkTelemetry();
        // Readiness asks MassTransit's health check of the bus (registered by AddMassTransit on this service).
        builder.Services.AddHealthChecks();
        builder.Services.AddSingleton<BusReadiness>();

        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        // Per-key request rates by role (Limits:Rate): 429 problem+json with Retry-After beyond them.
        var rates = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddKeyRateLimiting(rates);
        // The same rates hold tenant links' messages (integration keys).
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(rates));
        builder.Services.AddNetworkOpenApi();
        // The web app at '/': its own cookie scheme beside the API's key scheme (which stays the default).
        builder.AddNetworkWeb();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        // Before anything else answers: the metrics port serves the scrape endpoint only.
        app.UseNetworkTelemetry();
        app.UseAuthentication();
        // After authentication: the limiter's partition is the request's key.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapNetworkWeb();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapTenantEndpoints();
        app.MapApiKeyEndpoints();
        app.MapSessionEndpoints();
        app.MapCommitmentEndpoints();
        app.MapProgressImportEndpoints();
        app.MapProfileEndpoints();
        app.MapCampaignEndpoints();
        app.MapWorkflowEndpoints();
        app.MapWorkflowPublishingEndpoints();
        app.MapWorkflowMigrationEndpoints();
        app.MapInboxEndpoints();
        app.MapWorkflowInstanceEndpoints();
        app.MapTaskEndpoints();
        app.MapReportEndpoints();
        app.MapNotificationEndpoints();
        app.MapUnsubscribeEndpoints();
        app.MapWebhookEndpoints();
        app.MapAuditEndpoints();

        return app;
    }
}
