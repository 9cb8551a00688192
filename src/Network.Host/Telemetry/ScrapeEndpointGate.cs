using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Network.Host.Telemetry;

/// <summary>
/// Where the scrape endpoint answers. With <c>Telemetry:Prometheus:Port</c> set, the endpoint answers only on that
/// port and that port answers nothing else (404), so neither leaks into the other; the check is on the port the
/// connection came in on, never on the Host header, which a client chooses. With <c>Telemetry:Prometheus:Key</c>
/// set, a scrape must send it as a bearer token (401 otherwise), compared in constant time.
/// </summary>
public sealed class ScrapeEndpointGate(RequestDelegate next, IOptions<PrometheusOptions> options)
{
    private readonly PrometheusOptions _options = options.Value;
    private readonly byte[]? _keyHash = string.IsNullOrEmpty(options.Value.Key) ? null : Hash(options.Value.Key);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scrape = context.Request.Path.Equals(_options.Path, StringComparison.OrdinalIgnoreCase);
        if (_options.Port is { } port && (context.Connection.LocalPort == port) != scrape)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        if (scrape && _keyHash is not null && !CarriesKey(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
            return Task.CompletedTask;
        }
        return next(context);
    }

    private bool CarriesKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Hash(header[Bearer.Length..].Trim()), _keyHash);
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
