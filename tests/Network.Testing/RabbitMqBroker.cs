using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Network.Testing;

/// <summary>
/// A throwaway RabbitMQ broker for the tests and the benchmark: Debian's rabbitmq-server (the scripts in /usr/lib/rabbitmq/bin, not the
/// /usr/sbin wrappers, which cd to /var/lib/rabbitmq and log to /var/log/rabbitmq) on a temporary directory, with its
/// own node name, Erlang cookie and free loopback ports, so it never meets the machine's own broker. When the tests run
/// as root the broker runs as the "rabbitmq" user (via runuser), as Debian's wrappers do. The default guest/guest user
/// is kept: RabbitMQ lets it in over loopback.
/// The node can be stopped and started again on the same ports and data, so durable queues and persistent messages
/// can be checked across a restart.
/// If RabbitMQ is not installed, <see cref="LaunchAsync"/> fails with a message that says what to install: tests that
/// need it fail rather than being skipped.
/// </summary>
public class RabbitMqBroker : IAsyncDisposable
{
    private const string ServiceUser = "rabbitmq";
    private const string ScriptDirectory = "/usr/lib/rabbitmq/bin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly bool _asRoot = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
    private readonly StringBuilder _serverOutput = new();
    private string? _root;
    private int _distributionPort;
    private Process? _server;

    /// <summary>The address the broker listens on (loopback only).</summary>
    public string Host { get; } = "127.0.0.1";

    /// <summary>The loopback TCP port of the broker's AMQP 0-9-1 listener.</summary>
    public int AmqpPort { get; private set; }

    /// <summary>The Erlang node name, unique to this fixture, as rabbitmqctl's -n takes it.</summary>
    public string NodeName { get; private set; } = "";

    /// <summary>Whether the node's process is running (a test may have stopped it on purpose).</summary>
    public bool IsRunning => _server is { HasExited: false };

    /// <summary>The node's log so far (useful in an assertion message).</summary>
    public string Log => _root is not null && File.Exists(LogFile) ? ExternalCommand.ReadShared(LogFile) : "";

    private string MnesiaDirectory => Path.Combine(_root!, "mnesia");

    private string LogDirectory => Path.Combine(_root!, "log");

    private string ConfigDirectory => Path.Combine(_root!, "config");

    private string LogFile => Path.Combine(LogDirectory, "broker.log");

    /// <summary>Creates the node's directories and starts it for the first time.</summary>
    public async Task LaunchAsync()
    {
        if (!File.Exists(Script("rabbitmq-server")) || !File.Exists(Script("rabbitmqctl")))
        {
            throw new InvalidOperationException(
                $"RabbitMQ was not found ({Script("rabbitmq-server")}, {Script("rabbitmqctl")}). " +
                "The RabbitMQ tests start their own broker from it: install the server, e.g. `apt-get install -y rabbitmq-server`.");
        }

        _root = Directory.CreateTempSubdirectory("network-rabbit-").FullName;
        Directory.CreateDirectory(MnesiaDirectory);
        Directory.CreateDirectory(LogDirectory);
        Directory.CreateDirectory(Path.Combine(ConfigDirectory, "conf.d"));

        AmqpPort = FreePorts.Next();
        _distributionPort = FreePorts.Next();
        NodeName = $"network-test-{Guid.NewGuid().ToString("N")[..12]}@localhost";

        await File.WriteAllTextAsync(Path.Combine(ConfigDirectory, "rabbitmq.conf"), string.Join('\n',
            $"listeners.tcp.1 = {Host}:{AmqpPort.ToString(CultureInfo.InvariantCulture)}",
            // A small absolute limit, so a test box with little free disk does not block publishers; memory keeps
            // its default watermark (40% of RAM).
            "disk_free_limit.absolute = 50MB",
            "")).ConfigureAwait(false);
        // An empty plugin list instead of /etc/rabbitmq/enabled_plugins: the management plugin, if the machine enables
        // it, would want port 15672 (a clash with any other broker) and slows the start down.
        await File.WriteAllTextAsync(Path.Combine(ConfigDirectory, "enabled_plugins"), "[].\n").ConfigureAwait(false);
        // Read instead of /etc/rabbitmq/rabbitmq-env.conf, so the machine's settings (e.g. NODENAME) stay out.
        await File.WriteAllTextAsync(Path.Combine(ConfigDirectory, "rabbitmq-env.conf"), "").ConfigureAwait(false);

        // The node and rabbitmqctl authenticate to each other with the cookie in $HOME; Erlang refuses a cookie
        // file that others can read.
        var cookie = Path.Combine(_root, ".erlang.cookie");
        await File.WriteAllTextAsync(cookie, RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20)).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }

        if (_asRoot)
        {
            await RunCheckedAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", _root]).ConfigureAwait(false);
        }

        await StartAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the node (again) on the fixture's ports and data, and returns once it accepts AMQP connections.
    /// </summary>
    public async Task StartAsync()
    {
        if (_root is null)
        {
            throw new InvalidOperationException("The broker fixture is not initialised.");
        }
        if (IsRunning)
        {
            throw new InvalidOperationException($"The broker {NodeName} is already running.");
        }
        _server?.Dispose();
        _server = null;

        var start = CreateStartInfo(Script("rabbitmq-server"), [], [
            ("RABBITMQ_NODENAME", NodeName),
            ("RABBITMQ_NODE_PORT", AmqpPort.ToString(CultureInfo.InvariantCulture)),
            ("RABBITMQ_DIST_PORT", _distributionPort.ToString(CultureInfo.InvariantCulture)),
            ("RABBITMQ_MNESIA_BASE", MnesiaDirectory),
            ("RABBITMQ_LOG_BASE", LogDirectory),
            ("RABBITMQ_LOGS", LogFile),
            ("RABBITMQ_CONFIG_FILE", Path.Combine(ConfigDirectory, "rabbitmq.conf")),
            // An empty directory instead of /etc/rabbitmq/conf.d, and an advanced.config that does not exist
            // instead of /etc/rabbitmq's: the machine's broker configuration stays out of the test broker.
            ("RABBITMQ_CONFIG_FILES", Path.Combine(ConfigDirectory, "conf.d")),
            ("RABBITMQ_ADVANCED_CONFIG_FILE", Path.Combine(ConfigDirectory, "advanced.config")),
            ("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(ConfigDirectory, "enabled_plugins")),
            // Erlang distribution listens on all interfaces unless told otherwise.
            ("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}"),
        ]);
        var process = new Process { StartInfo = start };
        lock (_serverOutput)
        {
            _serverOutput.Clear();
        }
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_serverOutput) { _serverOutput.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_serverOutput) { _serverOutput.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {start.FileName}: {exception.Message}", exception);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _server = process;

        try
        {
            await WaitUntilReadyAsync(process).ConfigureAwait(false);
        }
        catch
        {
            await KillAsync(process).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops the node and waits for its process to end; its data (mnesia, queues, messages) stays for
    /// <see cref="StartAsync"/>. Does nothing if the node is not running.
    /// </summary>
    public async Task StopAsync()
    {
        var process = _server;
        if (process is null)
        {
            return;
        }
        if (!process.HasExited)
        {
            var stopped = false;
            try
            {
                await CtlAsync("stop").ConfigureAwait(false);
                stopped = true;
            }
            catch (InvalidOperationException)
            {
                // The node does not answer: its process is killed below.
            }
            if (stopped)
            {
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Acknowledged the stop but did not halt: killed below.
                }
            }
            await KillAsync(process).ConfigureAwait(false);
        }
        process.Dispose();
        _server = null;
    }

    /// <summary>Stops the node and starts it again on the same ports and data.</summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await StartAsync().ConfigureAwait(false);
    }

    /// <summary>Runs rabbitmqctl against this node and returns what it printed; throws with its errors if it fails.</summary>
    public async Task<string> CtlAsync(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (_root is null)
        {
            throw new InvalidOperationException("The broker fixture is not initialised.");
        }
        var (exitCode, output, errors) = await RunAsync(CreateStartInfo(Script("rabbitmqctl"), ["-n", NodeName, .. args], []))
            .ConfigureAwait(false);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException(
                $"rabbitmqctl -n {NodeName} {string.Join(' ', args)} failed with exit code {exitCode}:{Environment.NewLine}{errors}{output}");
    }

    /// <summary>Adds a user and gives it the configure, write and read permissions (regular expressions) on a vhost.</summary>
    public async Task AddUserAsync(string user, string password, string configure, string write, string read, string vhost = "/")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentNullException.ThrowIfNull(password);
        await CtlAsync("add_user", user, password).ConfigureAwait(false);
        await CtlAsync("set_permissions", "-p", vhost, user, configure, write, read).ConfigureAwait(false);
    }

    /// <summary>
    /// A connection factory for this broker. Automatic recovery is off, so a test sees a restart or a refusal as it
    /// happens instead of the client quietly reconnecting behind its back.
    /// </summary>
    public ConnectionFactory CreateConnectionFactory(string user = "guest", string password = "guest") => new()
    {
        HostName = Host,
        Port = AmqpPort,
        UserName = user,
        Password = password,
        VirtualHost = "/",
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        ClientProvidedName = "network-tests",
    };

    /// <summary>The broker's version, as it announces itself to a client.</summary>
    public async Task<string> ServerVersionAsync()
    {
        var connection = await CreateConnectionFactory().CreateConnectionAsync().ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return connection.ServerProperties?.TryGetValue("version", out var version) == true && version is byte[] bytes
                ? Encoding.UTF8.GetString(bytes)
                : "unknown";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ShutDownAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops the node and deletes its directory.</summary>
    public async Task ShutDownAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_root is not null && Directory.Exists(_root))
            {
                try
                {
                    Directory.Delete(_root, recursive: true);
                }
                catch (IOException)
                {
                    // A file still held open; the OS will clean the temp folder.
                }
                catch (UnauthorizedAccessException)
                {
                    // Likewise.
                }
            }
        }
    }

    /// <summary>
    /// The node opens its distribution port early and AMQP last. rabbitmqctl await_startup fails at once ("node not
    /// running") until the node is registered, so this waits for the port first, then lets await_startup wait for the
    /// boot to finish, then for a real AMQP connection.
    /// </summary>
    private async Task WaitUntilReadyAsync(Process process)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan Left() => StartTimeout - clock.Elapsed;

        while (!await AcceptsAsync(_distributionPort).ConfigureAwait(false))
        {
            ThrowIfExited(process);
            if (Left() <= TimeSpan.Zero)
            {
                throw StartFailure($"did not open its distribution port {_distributionPort} within {StartTimeout}");
            }
            await Task.Delay(100).ConfigureAwait(false);
        }

        try
        {
            var seconds = Math.Max(1, (int)Left().TotalSeconds);
            await CtlAsync("await_startup", "--timeout", seconds.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            ThrowIfExited(process);
            throw StartFailure($"did not finish booting: {exception.Message}");
        }

        var factory = CreateConnectionFactory();
        while (true)
        {
            try
            {
                var connection = await factory.CreateConnectionAsync().ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.CloseAsync().ConfigureAwait(false);
                }
                return;
            }
            catch (BrokerUnreachableException exception)
            {
                ThrowIfExited(process);
                if (Left() <= TimeSpan.Zero)
                {
                    throw StartFailure($"booted but refused AMQP connections on {Host}:{AmqpPort}: {exception.Message}");
                }
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private void ThrowIfExited(Process process)
    {
        if (process.HasExited)
        {
            throw StartFailure($"exited with code {process.ExitCode} while starting");
        }
    }

    private InvalidOperationException StartFailure(string what)
    {
        string output;
        lock (_serverOutput)
        {
            output = _serverOutput.ToString();
        }
        return new InvalidOperationException(
            $"RabbitMQ node {NodeName} {what}.{Environment.NewLine}Output:{Environment.NewLine}{output}{Environment.NewLine}Log:{Environment.NewLine}{Log}");
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

    /// <summary>Kills what is left of the node (runuser, the start script, the Erlang VM and its helpers).</summary>
    private static async Task KillAsync(Process process)
    {
        if (!process.HasExited)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited in the meantime.
            }
        }
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Nothing more can be done from here; the directory is removed regardless.
        }
    }

    private static string Script(string name) => Path.Combine(ScriptDirectory, name);

    /// <summary>
    /// Runs a RabbitMQ script through env (and runuser when root, as the service user), so the variables reach it
    /// even though runuser resets HOME: HOME is where both the node and rabbitmqctl look for the cookie.
    /// </summary>
    private ProcessStartInfo CreateStartInfo(string file, IReadOnlyList<string> arguments, IReadOnlyList<(string Name, string Value)> variables)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = _root!,
        };
        // RABBITMQ_* settings of whoever runs the tests must not reach the test broker.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("RABBITMQ_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        var command = new List<string>();
        if (_asRoot)
        {
            start.FileName = "runuser";
            command.AddRange(["-u", ServiceUser, "--", "env"]);
        }
        else
        {
            start.FileName = "env";
        }
        command.AddRange([
            $"HOME={_root}",
            // Erlang warns about (and mangles) file names under a latin1 locale.
            "LC_ALL=C.UTF-8",
            $"RABBITMQ_CONF_ENV_FILE={Path.Combine(ConfigDirectory, "rabbitmq-env.conf")}",
            // rabbitmqctl is an Erlang node too; it takes a port from 35672-35682 by default, shared by every
            // rabbitmqctl on the machine and inside the range FreePorts hands out. 0 lets the OS pick one.
            "RABBITMQ_CTL_DIST_PORT_MIN=0",
            "RABBITMQ_CTL_DIST_PORT_MAX=0",
        ]);
        command.AddRange(variables.Select(v => $"{v.Name}={v.Value}"));
        command.Add(file);
        command.AddRange(arguments);
        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    private static async Task RunCheckedAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo
        {
            FileName = file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var (exitCode, output, errors) = await RunAsync(start).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} failed with exit code {exitCode}:{Environment.NewLine}{errors}{output}");
        }
    }

    private static Task<(int ExitCode, string Output, string Errors)> RunAsync(ProcessStartInfo start) =>
        ExternalCommand.RunAsync(start, CommandTimeout);
}
