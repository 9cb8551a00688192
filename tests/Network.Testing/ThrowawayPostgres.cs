using System.Globalization;
using Npgsql;

namespace Network.Testing;

/// <summary>
/// A throwaway PostgreSQL server: Debian's initdb and pg_ctl (from /usr/lib/postgresql/*/bin) on a temporary data
/// directory, listening on a free loopback port with trust authentication, removed afterwards. PostgreSQL refuses to
/// run as root, so as root the server runs as the "postgres" user (via runuser). If PostgreSQL is not installed,
/// starting fails with a message that says what to install.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string ServiceUser = "postgres";

    private readonly string _bin;
    private readonly string _root;
    private readonly string? _runAs;
    private readonly bool _durable;
    private bool _started;

    private ThrowawayPostgres(string bin, string root, string? runAs, string version, bool durable)
    {
        _bin = bin;
        _root = root;
        _runAs = runAs;
        _durable = durable;
        Version = version;
    }

    /// <summary>The server's major version, from the directory its binaries are in.</summary>
    public string Version { get; }

    /// <summary>The connection string of the server's "postgres" database, as superuser "postgres".</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The server's log so far (useful in an assertion message).</summary>
    public string Log => File.Exists(LogFile) ? ExternalCommand.ReadShared(LogFile) : "";

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "server.log");

    /// <summary>
    /// Starts a server. <paramref name="durable"/> keeps PostgreSQL's default durability (fsync and synchronous_commit
    /// on, as a production server has it, and a clean stop): the benchmark compares a durable store with a durable
    /// store. Without it, fsync, synchronous commits and full-page writes are off and the server stops at once, for
    /// speed: the tests need a database, not durability across a power cut.
    /// </summary>
    /// <param name="maxConnections">Room for Npgsql's pools (up to 100 connections each) and the caller's own connections.</param>
    /// <param name="whatToDoWithout">Appended to the message when no server is installed: the caller's other options.</param>
    public static async Task<ThrowawayPostgres> StartAsync(bool durable = false, int maxConnections = 300, string? whatToDoWithout = null)
    {
        var (bin, version) = FindBinaries(whatToDoWithout);
        var runAs = string.Equals(Environment.UserName, "root", StringComparison.Ordinal) ? ServiceUser : null;
        var root = Directory.CreateTempSubdirectory("network-pg-").FullName;
        var server = new ThrowawayPostgres(bin, root, runAs, version, durable);
        try
        {
            await server.InitAndStartAsync(maxConnections).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException("Use lower-case letters, digits and '_' in a database name.", nameof(name));
        }
        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = $"CREATE DATABASE \"{name}\"";
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Stops the server and removes its directory. Stopping twice, or after the server stopped on its own, is fine
    /// (a test may stop it on purpose). A server that may still be running after a failed stop is left with its
    /// directory, and said so.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_started && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await ExternalCommand.RunToolAsync(Path.Combine(_bin, "pg_ctl"),
                    ["-D", DataDirectory, "-m", _durable ? "fast" : "immediate", "-w", "stop"], _runAs).ConfigureAwait(false);
            }
            catch (InvalidOperationException exception) when (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await Console.Error.WriteLineAsync($"Could not stop the throwaway PostgreSQL in {_root}: {exception.Message}").ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException)
            {
                // Already gone; the directory is removed below either way.
            }
        }
        _started = false;
        if (Directory.Exists(_root))
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

    private async Task InitAndStartAsync(int maxConnections)
    {
        if (_runAs is not null)
        {
            await ExternalCommand.RunToolAsync("chown", [$"{_runAs}:{_runAs}", _root]).ConfigureAwait(false);
        }
        string[] init = ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale"];
        await ExternalCommand.RunToolAsync(Path.Combine(_bin, "initdb"), _durable ? init : [.. init, "--no-sync"], _runAs).ConfigureAwait(false);

        Port = FreePorts.Next();
        var settings = new List<string>
        {
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories={_root}",
        };
        if (!_durable)
        {
            settings.AddRange(["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]);
        }
        settings.Add($"-c max_connections={maxConnections.ToString(CultureInfo.InvariantCulture)}");
        await ExternalCommand.RunToolAsync(Path.Combine(_bin, "pg_ctl"),
            ["-D", DataDirectory, "-l", LogFile, "-o", string.Join(' ', settings), "-w", "-t", "60", "start"], _runAs).ConfigureAwait(false);
        _started = true;

        // Npgsql's defaults: pooling on, a 15 s connection timeout.
        ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = "postgres" }.ConnectionString;

        // The server answers once pg_ctl -w returns; this makes sure it does over TCP too.
        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
        }
    }

    private static (string Bin, string Version) FindBinaries(string? whatToDoWithout)
    {
        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && File.Exists(Path.Combine(d, "bin", "pg_ctl")))
                .OrderByDescending(d => double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found is not null
            ? (Path.Combine(found, "bin"), Path.GetFileName(found))
            : throw new InvalidOperationException(
                "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin (initdb, pg_ctl): install the server, " +
                "e.g. `apt-get install -y postgresql`" + (whatToDoWithout is null ? "." : ", " + whatToDoWithout));
    }
}
