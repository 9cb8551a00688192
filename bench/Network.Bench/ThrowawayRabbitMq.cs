using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Network.Bench;

/// <summary>
/// A RabbitMQ broker of the link scenario's own, the way the host tests start theirs (RabbitMqServer): Debian's
/// scripts in /usr/lib/rabbitmq/bin (not the /usr/sbin wrappers, which cd to /var/lib/rabbitmq and log to
/// /var/log/rabbitmq) on a temporary directory, with its own node name, Erlang cookie, free loopback ports, no
/// plugins and none of /etc/rabbitmq, so it never meets the machine's broker. As root it runs as the "rabbitmq" user,
/// as Debian's wrappers do. The default guest/guest user is kept: RabbitMQ lets it in over loopback.
/// </summary>
internal sealed class ThrowawayRabbitMq : IAsyncDisposable
{
    private const string ServiceUser = "rabbitmq";
    private const string ScriptDirectory = "/usr/lib/rabbitmq/bin";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly string _root;
    private readonly string? _runAs;
    private readonly int _distributionPort = FreePort.Next();
    private readonly StringBuilder _output = new();
    private Process? _server;

    private ThrowawayRabbitMq(string root, string? runAs)
    {
        _root = root;
        _runAs = runAs;
    }

    public string Host { get; } = "127.0.0.1";

    public int AmqpPort { get; } = FreePort.Next();

    /// <summary>The Erlang node name, unique to this run.</summary>
    public string NodeName { get; } = $"network-bench-{Guid.NewGuid().ToString("N")[..12]}@localhost";

    /// <summary>The broker's version, as rabbitmqctl reports it once it runs.</summary>
    public string Version { get; private set; } = "";

    private string ConfigDirectory => Path.Combine(_root, "config");

    private string LogFile => Path.Combine(_root, "log", "broker.log");

    public static async Task<ThrowawayRabbitMq> StartAsync()
    {
        if (!File.Exists(Script("rabbitmq-server")) || !File.Exists(Script("rabbitmqctl")))
        {
            throw new InvalidOperationException(
                $"RabbitMQ was not found ({Script("rabbitmq-server")}, {Script("rabbitmqctl")}). The link scenario starts its own broker " +
                "from it: install the server (apt-get install rabbitmq-server).");
        }
        var runAs = string.Equals(Environment.UserName, "root", StringComparison.Ordinal) ? ServiceUser : null;
        var broker = new ThrowawayRabbitMq(Directory.CreateTempSubdirectory("network-bench-rabbit-").FullName, runAs);
        try
        {
            await broker.PrepareAsync().ConfigureAwait(false);
            broker.Launch();
            await broker.WaitUntilReadyAsync().ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ConnectionFactory CreateConnectionFactory() => new()
    {
        HostName = Host,
        Port = AmqpPort,
        UserName = "guest",
        Password = "guest",
        VirtualHost = "/",
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        ClientProvidedName = "network-bench-partner",
    };

    private async Task PrepareAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "mnesia"));
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
        Directory.CreateDirectory(Path.Combine(ConfigDirectory, "conf.d"));
        await File.WriteAllTextAsync(Path.Combine(ConfigDirectory, "rabbitmq.conf"), string.Join('\n',
            $"listeners.tcp.1 = {Host}:{AmqpPort.ToString(CultureInfo.InvariantCulture)}",
            // A small absolute limit, so a machine with little free disk does not block the publishers.
            "disk_free_limit.absolute = 50MB",
            "")).ConfigureAwait(false);
        // No plugins (the machine's management plugin would want port 15672), and no /etc/rabbitmq/rabbitmq-env.conf.
        await File.WriteAllTextAsync(Path.Combine(ConfigDirectory, "enabled_plugins"), "[].\n").ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(ConfigDirectory, "rabbitmq-env.conf"), "").ConfigureAwait(false);
        // The node and rabbitmqctl find the cookie in $HOME; Erlang refuses one that others can read.
        var cookie = Path.Combine(_root, ".erlang.cookie");
        await File.WriteAllTextAsync(cookie, RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20)).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }
        if (_runAs is not null)
        {
            await ExternalCommand.RunAsync("chown", ["-R", $"{_runAs}:{_runAs}", _root]).ConfigureAwait(false);
        }
    }

    private void Launch()
    {
        var start = new ProcessStartInfo
        {
            FileName = _runAs is null ? "env" : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        if (_runAs is not null)
        {
            foreach (var argument in (string[])["-u", _runAs, "--", "env"])
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in Command(Script("rabbitmq-server"), [], [
            ("RABBITMQ_NODE_PORT", AmqpPort.ToString(CultureInfo.InvariantCulture)),
            ("RABBITMQ_DIST_PORT", _distributionPort.ToString(CultureInfo.InvariantCulture)),
            ("RABBITMQ_MNESIA_BASE", Path.Combine(_root, "mnesia")),
            ("RABBITMQ_LOG_BASE", Path.GetDirectoryName(LogFile)!),
            ("RABBITMQ_LOGS", LogFile),
            ("RABBITMQ_CONFIG_FILE", Path.Combine(ConfigDirectory, "rabbitmq.conf")),
            // An empty conf.d and an advanced.config that does not exist, instead of /etc/rabbitmq's.
            ("RABBITMQ_CONFIG_FILES", Path.Combine(ConfigDirectory, "conf.d")),
            ("RABBITMQ_ADVANCED_CONFIG_FILE", Path.Combine(ConfigDirectory, "advanced.config")),
            ("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(ConfigDirectory, "enabled_plugins")),
            // Erlang distribution listens on every interface unless told otherwise.
            ("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}"),
        ]))
        {
            start.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _server = process;
    }

    /// <summary>
    /// The node opens its distribution port early and AMQP last; rabbitmqctl await_startup fails at once until the
    /// node is registered. So: the port, then await_startup, then a real AMQP connection.
    /// </summary>
    private async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!await AcceptsAsync(_distributionPort).ConfigureAwait(false))
        {
            ThrowIfLate(clock, $"did not open its distribution port {_distributionPort}");
            await Task.Delay(100).ConfigureAwait(false);
        }
        var seconds = Math.Max(1, (int)(StartTimeout - clock.Elapsed).TotalSeconds);
        try
        {
            await CtlAsync("await_startup", "--timeout", seconds.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            throw Failure($"did not finish booting: {exception.Message}");
        }
        var factory = CreateConnectionFactory();
        while (true)
        {
            try
            {
                var connection = await factory.CreateConnectionAsync().ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    Version = connection.ServerProperties?.TryGetValue("version", out var version) == true && version is byte[] bytes
                        ? Encoding.UTF8.GetString(bytes)
                        : "?";
                    await connection.CloseAsync().ConfigureAwait(false);
                }
                return;
            }
            catch (BrokerUnreachableException)
            {
                ThrowIfLate(clock, $"refused AMQP connections on {Host}:{AmqpPort}");
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private void ThrowIfLate(Stopwatch clock, string what)
    {
        if (_server is { HasExited: true } exited)
        {
            throw Failure($"exited with code {exited.ExitCode} while starting");
        }
        if (clock.Elapsed > StartTimeout)
        {
            throw Failure($"{what} within {StartTimeout}");
        }
    }

    private InvalidOperationException Failure(string what)
    {
        string output;
        lock (_output)
        {
            output = _output.ToString();
        }
        var log = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
        return new InvalidOperationException($"The benchmark's RabbitMQ node {NodeName} {what}.\nOutput:\n{output}\nLog:\n{log}");
    }

    private Task CtlAsync(params string[] args) =>
        ExternalCommand.RunAsync("env", Command(Script("rabbitmqctl"), ["-n", NodeName, .. args], []), _runAs);

    /// <summary>
    /// The arguments of <c>env</c> (run through runuser as the service user when root): HOME, where the node and
    /// rabbitmqctl look for the cookie (runuser resets it), the broker's own env file, and no RABBITMQ_* setting of
    /// whoever runs the benchmark.
    /// </summary>
    private List<string> Command(string script, IReadOnlyList<string> arguments, IReadOnlyList<(string Name, string Value)> variables)
    {
        var command = new List<string>();
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("RABBITMQ_", StringComparison.Ordinal)))
        {
            command.AddRange(["-u", name]);
        }
        command.AddRange([
            $"HOME={_root}",
            // Erlang warns about (and mangles) file names under a latin1 locale.
            "LC_ALL=C.UTF-8",
            $"RABBITMQ_CONF_ENV_FILE={Path.Combine(ConfigDirectory, "rabbitmq-env.conf")}",
            $"RABBITMQ_NODENAME={NodeName}",
            // rabbitmqctl is an Erlang node too; by default it takes a port from 35672-35682, shared machine-wide.
            "RABBITMQ_CTL_DIST_PORT_MIN=0",
            "RABBITMQ_CTL_DIST_PORT_MAX=0",
        ]);
        command.AddRange(variables.Select(v => $"{v.Name}={v.Value}"));
        command.Add(script);
        command.AddRange(arguments);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { } process)
        {
            if (!process.HasExited)
            {
                try
                {
                    await CtlAsync("stop").ConfigureAwait(false);
                }
                catch (InvalidOperationException exception)
                {
                    Console.Error.WriteLine($"rabbitmqctl stop failed ({exception.Message.Split('\n')[0]}); killing the node.");
                }
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
            process.Dispose();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string Script(string name) => Path.Combine(ScriptDirectory, name);
}
