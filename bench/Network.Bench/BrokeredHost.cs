using System.Globalization;
using Network.Host.Storage;
using Network.Testing;

namespace Network.Bench;

/// <summary>
/// The stage the link and soak scenarios share: a throwaway RabbitMQ, and the built host on a fresh SQLite file with
/// Messaging:Transport=RabbitMq against it, as an operator runs it. <see cref="RunAsync{T}"/> sets both up, hands
/// them to the scenario, and takes them down (the database folder too) however the scenario ends; a scenario that
/// throws is reported with the host's last output, which usually says why.
/// </summary>
/// <param name="Broker">The throwaway broker.</param>
/// <param name="BrokerVersion">The broker's version, for the printed facts.</param>
/// <param name="Host">The host process.</param>
/// <param name="BootstrapKey">The host's bootstrap key (root of every tenant).</param>
/// <param name="DatabasePath">The host's SQLite file.</param>
internal sealed record BrokeredHost(RabbitMqBroker Broker, string BrokerVersion, HostProcess Host, string BootstrapKey, string DatabasePath)
{
    /// <param name="tag">The scenario's tag on its progress lines (e.g. "soak").</param>
    /// <param name="scenario">The scenario's name in a failure's message (e.g. "The soak").</param>
    /// <param name="measure">The scenario itself.</param>
    public static async Task<T> RunAsync<T>(string tag, string scenario, Func<BrokeredHost, Task<T>> measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var broker = new RabbitMqBroker();
        await using (broker.ConfigureAwait(false))
        {
            await broker.LaunchAsync().ConfigureAwait(false);
            var version = await broker.ServerVersionAsync().ConfigureAwait(false);
            Console.Error.WriteLine($"[{tag}] started a throwaway RabbitMQ {version} ({broker.NodeName}, port {broker.AmqpPort})");
            var directory = Directory.CreateTempSubdirectory($"network-bench-{tag}-").FullName;
            try
            {
                var database = Path.Combine(directory, "network.db");
                var bootstrapKey = "nwk_bench-" + Guid.NewGuid().ToString("N");
                var host = await HostProcess.StartAsync(BenchHostSettings.For(new Dictionary<string, string>
                {
                    ["Storage:Sqlite:Path"] = database,
                    ["Messaging:Transport"] = "RabbitMq",
                    ["Messaging:RabbitMq:Host"] = broker.Host,
                    ["Messaging:RabbitMq:Port"] = broker.AmqpPort.ToString(CultureInfo.InvariantCulture),
                    // The scrape endpoint on the public port, to a client with the bootstrap key: the soak reads the
                    // managed heap there (HostMemory).
                    ["Telemetry:Prometheus:Key"] = bootstrapKey,
                }, bootstrapKey)).ConfigureAwait(false);
                await using (host.ConfigureAwait(false))
                {
                    Console.Error.WriteLine($"[{tag}] host {HostAssembly.Path} (pid {host.ProcessId}) ready at {host.BaseAddress}");
                    try
                    {
                        return await measure(new BrokeredHost(broker, version, host, bootstrapKey, database)).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is not InvalidOperationException)
                    {
                        throw new InvalidOperationException($"{scenario} failed: {exception}\nThe host's last output:\n{host.OutputTail()}", exception);
                    }
                }
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>The store's description for the printed facts (SQLite version, journal mode, synchronous).</summary>
    public Task<string> StoreAsync() =>
        StoreDescription.SqliteAsync(new StorageOptions { Sqlite = new SqliteStorageOptions { Path = DatabasePath } });
}
