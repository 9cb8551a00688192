using System.Globalization;
using Npgsql;
using Network.Testing;

namespace Network.Bench;

/// <summary>
/// A PostgreSQL server of the benchmark's own, used when no <c>--postgres</c> is given: Debian's initdb and pg_ctl
/// (/usr/lib/postgresql/*/bin) on a temporary data directory, on a free loopback port, removed afterwards.
/// It keeps PostgreSQL's default durability (fsync and synchronous_commit on, as a production server has it), unlike
/// the test fixture, which turns fsync off for speed: the figures must compare a durable store with a durable store.
/// PostgreSQL refuses to run as root, so as root the server runs as the "postgres" user.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private const string ServiceUser = "postgres";

    private readonly string _bin;
    private readonly string _root;
    private readonly string? _runAs;

    private ThrowawayPostgres(string bin, string root, string? runAs, string version)
    {
        _bin = bin;
        _root = root;
        _runAs = runAs;
        Version = version;
    }

    /// <summary>The server's major version, from the directory its binaries are in.</summary>
    public string Version { get; }

    /// <summary>Connection string of an empty database made for the benchmark.</summary>
    public string ConnectionString { get; private set; } = "";

    private string DataDirectory => Path.Combine(_root, "data");

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var (bin, version) = FindBinaries();
        var runAs = string.Equals(Environment.UserName, "root", StringComparison.Ordinal) ? ServiceUser : null;
        var root = Directory.CreateTempSubdirectory("network-bench-pg-").FullName;
        var server = new ThrowawayPostgres(bin, root, runAs, version);
        try
        {
            await server.InitAndStartAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitAndStartAsync()
    {
        if (_runAs is not null)
        {
            await ExternalCommand.RunAsync("chown", [$"{_runAs}:{_runAs}", _root]).ConfigureAwait(false);
        }
        await ExternalCommand.RunAsync(Path.Combine(_bin, "initdb"),
            ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale"], _runAs).ConfigureAwait(false);

        var port = FreePorts.Next();
        var settings = string.Join(' ',
            $"-p {port.ToString(CultureInfo.InvariantCulture)}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories={_root}",
            // Room for Npgsql's pool (up to 100 by default) and the benchmark's own connections.
            "-c max_connections=200");
        await ExternalCommand.RunAsync(Path.Combine(_bin, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", settings, "-w", "-t", "60", "start"], _runAs).ConfigureAwait(false);

        var server = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres" };
        var connection = new NpgsqlConnection(server.ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var create = new NpgsqlCommand("CREATE DATABASE network_bench", connection);
            await using (create.ConfigureAwait(false))
            {
                await create.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        server.Database = "network_bench";
        ConnectionString = server.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await ExternalCommand.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], _runAs).ConfigureAwait(false);
            }
            catch (InvalidOperationException exception)
            {
                Console.Error.WriteLine($"Could not stop the benchmark's PostgreSQL in {_root}: {exception.Message}");
                return;
            }
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static (string Bin, string Version) FindBinaries()
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
                "No PostgreSQL server under /usr/lib/postgresql/*/bin (initdb, pg_ctl). Install one (apt-get install postgresql), " +
                "give one with --postgres \"<connection string>\", or leave PostgreSQL out with --skip-postgres.");
    }
}
