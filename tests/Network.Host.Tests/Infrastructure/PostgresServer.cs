using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Network.Host.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the tests: Debian's initdb and pg_ctl (from /usr/lib/postgresql/*/bin) on a
/// temporary data directory, listening on a free loopback port with trust authentication. PostgreSQL refuses to
/// run as root, so when the tests run as root the server runs as the "postgres" user (via runuser).
/// If PostgreSQL is not installed the fixture fails with a message that says what to install: tests that need it
/// fail rather than being skipped.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private string? _root;
    private string? _binDirectory;
    private bool _started;

    /// <summary>The connection string of the server's "postgres" database, as superuser "postgres".</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The server's log so far (useful in an assertion message).</summary>
    public string Log => _root is not null && File.Exists(LogFile) ? ExternalCommand.ReadShared(LogFile) : "";

    private string DataDirectory => Path.Combine(_root!, "data");

    private string LogFile => Path.Combine(_root!, "server.log");

    public async Task InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        var asRoot = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

        _root = Directory.CreateTempSubdirectory("network-pg-").FullName;
        if (asRoot)
        {
            await RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", _root], asServiceUser: false).ConfigureAwait(false);
        }

        await RunAsync(Tool("initdb"),
            ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"],
            asRoot).ConfigureAwait(false);

        Port = FreePorts.Next();
        var serverOptions = string.Join(' ',
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories={_root}",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=300");
        await RunAsync(Tool("pg_ctl"),
            ["-D", DataDirectory, "-l", LogFile, "-o", serverOptions, "-w", "-t", "60", "start"],
            asRoot).ConfigureAwait(false);
        _started = true;

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
            Pooling = true,
            Timeout = 15,
        }.ConnectionString;

        // The server answers once pg_ctl -w returns; this makes sure it does over TCP too.
        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Creates an empty database and returns its connection string, so each test class has its own.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException("Use lower-case letters, digits and '_' in a test database name.", nameof(name));
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

    /// <summary>A database name unique to this run, from a readable prefix.</summary>
    public Task<string> CreateDatabaseAsync() =>
        CreateDatabaseAsync("test_" + Guid.NewGuid().ToString("N")[..12]);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_started && _binDirectory is not null && _root is not null)
        {
            var asRoot = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
            try
            {
                await RunAsync(Tool("pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asRoot).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Already gone; the directory is removed below either way.
            }
            // Stopping is idempotent: a test may stop the server on purpose before the fixture does.
            _started = false;
        }
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

    private string Tool(string name) => Path.Combine(_binDirectory!, name);

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Directory: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(c => File.Exists(Path.Combine(c.Directory, "initdb")) && File.Exists(Path.Combine(c.Directory, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Directory)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0]
            : throw new InvalidOperationException(
                "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin (initdb, pg_ctl). " +
                "The PostgreSQL tests need them: install the server, e.g. `apt-get install -y postgresql`.");
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asServiceUser)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asServiceUser)
        {
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", ServiceUser, "--", file])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = file;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Debian's wrappers look at these; keep the server's own locale and time zone out of the test's environment.
        start.Environment["LC_ALL"] = "C";
        start.Environment["TZ"] = "UTC";

        var (exitCode, output, errors) = await ExternalCommand.RunAsync(start, CommandTimeout).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed with exit code {exitCode}:{Environment.NewLine}{errors}{output}");
        }
    }
}

/// <summary>Test classes that need PostgreSQL join this collection and share one server (each makes its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
