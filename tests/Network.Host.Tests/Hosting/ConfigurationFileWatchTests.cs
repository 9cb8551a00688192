using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Network.Host.Hosting;

namespace Network.Host.Tests.Hosting;

/// <summary>
/// The host reads its configuration files once: a watcher for changes would sit on the current folder and every
/// folder under it, the SQLite database's (<c>./data</c>) among them, and wake at each write to the database.
/// </summary>
public sealed class ConfigurationFileWatchTests
{
    [Fact]
    public void The_host_reads_its_configuration_files_once()
    {
        var sources = JsonSources(NetworkHost.BuilderOptions([]));

        Assert.Contains(sources, s => s.Path == "appsettings.json");
        Assert.All(sources, s => Assert.False(s.ReloadOnChange, $"{s.Path} is watched for changes."));
    }

    [Fact]
    public void An_operator_may_still_ask_for_the_files_to_be_watched()
    {
        var sources = JsonSources(NetworkHost.BuilderOptions(["--hostBuilder:reloadConfigOnChange=true"]));

        Assert.Contains(sources, s => s.Path == "appsettings.json" && s.ReloadOnChange);
    }

    private static List<JsonConfigurationSource> JsonSources(WebApplicationOptions options)
    {
        var builder = WebApplication.CreateBuilder(options);
        var sources = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<JsonConfigurationSource>().ToList();
        // The builder's own watchers, if any, go with its configuration.
        (builder.Configuration as IDisposable)?.Dispose();
        return sources;
    }
}
