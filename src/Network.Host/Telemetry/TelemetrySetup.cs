using Microsoft.Extensions.Logging.Console;
using Network.Domain.Telemetry;
using Network.Host.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Network.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the host: traces (HTTP, Orleans grain calls, MassTransit, Npgsql) and metrics (Network's own,
/// ASP.NET Core's, Orleans', MassTransit's, Npgsql's), exported over OTLP when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and scraped by Prometheus at <c>Telemetry:Prometheus:Path</c>; and the
/// console log's JSON option with the trace and span ids of each line.
/// </summary>
public static partial class TelemetrySetup
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> does not give another.</summary>
    public const string DefaultServiceName = "network";

    /// <summary>Activity sources traced: Orleans 10's grain calls, MassTransit 8's bus, Npgsql's commands.</summary>
    public static readonly string[] TracedSources =
        ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "MassTransit", "Npgsql"];

    /// <summary>
    /// Meters exported besides ASP.NET Core's (which its instrumentation adds). "System.Runtime" is the runtime's own
    /// (GC heap and collections, working set, thread pool, exceptions): what an operator reads when memory grows.
    /// </summary>
    public static readonly string[] Meters = [NetworkMetrics.MeterName, "Microsoft.Orleans", "MassTransit", "Npgsql", "System.Runtime"];

    private static readonly string[] OtlpEndpointSettings =
        ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    public static WebApplicationBuilder AddNetworkTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var prometheus = PrometheusSettings(configuration);
        var otlp = OtlpConfigured(configuration);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(prometheus));

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]) ? DefaultServiceName : configuration["OTEL_SERVICE_NAME"]!,
                serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()));
        // Traces are recorded only to be exported: without an exporter, TraceActivities alone makes the trace ids exist
        // (for the journal and the log), and nothing is recorded.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource(TracedSources)
                .AddOtlpExporter());
        }
        if (otlp || prometheus.Served)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddMeter(Meters);
                if (prometheus.Served)
                {
                    metrics.AddPrometheusExporter();
                }
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        }

        if (prometheus.Port is { } port)
        {
            builder.WebHost.UseUrls([.. PublicUrls(configuration), MetricsUrl(configuration, port)]);
        }

        // Each console line carries the trace and span ids of the request or message it was written for (the host's
        // default tracking), shown by the JSON formatter with its scopes: on unless the setting says otherwise.
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (configuration["Logging:Console:FormatterOptions:IncludeScopes"] is null)
        {
            builder.Services.Configure<JsonConsoleFormatterOptions>(json => json.IncludeScopes = true);
        }
        return builder;
    }

    /// <summary>
    /// Keeps the scrape endpoint where it is protected (see <see cref="PrometheusOptions"/>) and maps it. Call before
    /// the other middleware, so the metrics port serves nothing else.
    /// </summary>
    public static WebApplication UseNetworkTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var prometheus = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PrometheusOptions>>().Value;
        if (!prometheus.Served)
        {
            if (prometheus.Enabled)
            {
                LogNotServed(app.Logger, prometheus.Path);
            }
            return app;
        }
        app.UseMiddleware<ScrapeEndpointGate>();
        app.MapPrometheusScrapingEndpoint(prometheus.Path).AllowAnonymous();
        return app;
    }

    /// <summary>Whether an OTLP endpoint is set for any signal, by the standard variables (or the same keys in configuration).</summary>
    public static bool OtlpConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return OtlpEndpointSettings.Any(name => !string.IsNullOrWhiteSpace(configuration[name]));
    }

    private static PrometheusOptions PrometheusSettings(ConfigurationManager configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()?.Prometheus ?? new PrometheusOptions();
        options.Validate();
        return options;
    }

    private static string[] PublicUrls(ConfigurationManager configuration) =>
        (string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]) ? ApiOptions.DefaultUrl : configuration[WebHostDefaults.ServerUrlsKey]!)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Plain HTTP on the metrics port, on the host of the first public URL (loopback by default, every address in the container).</summary>
    private static string MetricsUrl(ConfigurationManager configuration, int port)
    {
        var first = BindingAddress.Parse(PublicUrls(configuration)[0]);
        return $"http://{first.Host}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    [LoggerMessage(EventId = 4602, Level = LogLevel.Information,
        Message = "The Prometheus endpoint {Path} is not served: set Telemetry:Prometheus:Port (a port of its own) or Telemetry:Prometheus:Key (a bearer key on the public port)")]
    private static partial void LogNotServed(ILogger logger, string path);
}
