using System.Globalization;

namespace Network.Bench;

/// <summary>The engines the benchmark can run, each in a process of its own.</summary>
internal enum BenchEngine
{
    Sqlite,
    PostgreSql,
    WorkflowCore,
}

/// <summary>
/// The command line: <c>[--instances N] [--events N] [--idle-instances N] [--concurrency N] [--idle-concurrency N]
/// [--postgres "..."] [--skip-sqlite] [--skip-postgres] [--skip-workflowcore]</c>.
/// </summary>
internal sealed class BenchOptions
{
    /// <summary>The figure: memory per idle instance with 100,000 instances waiting.</summary>
    public const int DefaultIdleInstances = 100_000;

    public int Instances { get; private set; } = 2_000;

    public int Events { get; private set; } = 2_000;

    public int IdleInstances { get; private set; } = DefaultIdleInstances;

    /// <summary>Calls in flight for every engine when given; otherwise each engine's own default (<see cref="InFlight"/>).</summary>
    public int? Concurrency { get; private set; }

    /// <summary>Calls in flight while starting the idle instances, when given (<see cref="IdleInFlight"/>).</summary>
    public int? IdleConcurrency { get; private set; }

    public string? PostgresConnectionString { get; private set; }

    public bool SkipSqlite { get; private set; }

    public bool SkipPostgres { get; private set; }

    public bool SkipWorkflowCore { get; private set; }

    /// <summary>Set in the child process that runs one engine; the parent leaves it null.</summary>
    public BenchEngine? Engine { get; private set; }

    public const string Usage =
        "usage: dotnet run -c Release --project bench/Network.Bench -- [--instances N] [--events N] [--idle-instances N] " +
        "[--concurrency N] [--idle-concurrency N] [--postgres \"<Npgsql connection string>\"] " +
        "[--skip-sqlite] [--skip-postgres] [--skip-workflowcore]\n" +
        "  Without --postgres the benchmark starts a throwaway PostgreSQL from /usr/lib/postgresql/*/bin.";

    /// <summary>
    /// Calls the engine gets in flight at once while the starts, events and latency are measured (one tenant):
    /// <see cref="Concurrency"/>, or the engine's default, the level that gave it the best figures on 2 cores.
    /// </summary>
    public int InFlight(BenchEngine engine) => Concurrency ?? engine switch
    {
        // SQLite takes one writer at a time, and Microsoft.Data.Sqlite answers a busy database by sleeping 150 ms
        // before it retries, so a second writer in flight costs more than it overlaps. Measured on 2 cores with
        // 1, 2, 4, 8, 16: 1 gave the best starts/s and events/s, and a p99 of ~50 ms against 150 ms to 1.9 s.
        BenchEngine.Sqlite => 1,
        // Every start and resume in one tenant writes that tenant's wait-index grain, one write at a time, so more
        // callers only queue there. Measured with 4, 16, 32, 64: 4 gave the best events/s and latency.
        BenchEngine.PostgreSql => 4,
        // WorkflowCore's calls only queue work for its background workers; the level changes little.
        _ => 4,
    };

    /// <summary>
    /// Calls in flight while the idle instances are started (spread over tenants, so over many wait-index grains):
    /// <see cref="IdleConcurrency"/>, or the engine's default, the level that filled fastest on 2 cores.
    /// </summary>
    public int IdleInFlight(BenchEngine engine) => IdleConcurrency ?? engine switch
    {
        // One writer leaves SQLite idle while its commit waits for the disk; two overlap that, and more mostly add
        // 150 ms busy sleeps. Measured (1, 2, 4, 8 in flight), 2 and 4 filled fastest, 2 with fewer collisions.
        BenchEngine.Sqlite => 2,
        // PostgreSQL flushes the WAL of concurrent commits together, so callers on different tenants share fsyncs.
        // Measured (4, 16, 32, 64, 128): 16 to 64 filled fastest; the machine's other load made the order vary.
        BenchEngine.PostgreSql => 32,
        _ => 4,
    };

    /// <summary>The command line of the child process that runs <paramref name="engine"/> with these settings.</summary>
    public IReadOnlyList<string> ForChild(BenchEngine engine, string? postgresConnectionString)
    {
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        var arguments = new List<string>
        {
            "--engine", engine.ToString(),
            "--instances", N(Instances),
            "--events", N(Events),
            "--idle-instances", N(IdleInstances),
            "--concurrency", N(InFlight(engine)),
            "--idle-concurrency", N(IdleInFlight(engine)),
        };
        if (postgresConnectionString is not null)
        {
            arguments.AddRange(["--postgres", postgresConnectionString]);
        }
        return arguments;
    }

    /// <summary>Parses the arguments; returns null and writes the problem when they are wrong.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--help" or "-h":
                    error.WriteLine(Usage);
                    return null;
                case "--skip-sqlite":
                    options.SkipSqlite = true;
                    continue;
                case "--skip-postgres":
                    options.SkipPostgres = true;
                    continue;
                case "--skip-workflowcore":
                    options.SkipWorkflowCore = true;
                    continue;
            }
            if (i + 1 >= args.Count)
            {
                error.WriteLine($"{name} needs a value.");
                error.WriteLine(Usage);
                return null;
            }
            var value = args[++i];
            switch (name)
            {
                case "--instances" when TryCount(value, out var n):
                    options.Instances = n;
                    break;
                case "--events" when TryCount(value, out var n):
                    options.Events = n;
                    break;
                case "--idle-instances" when TryCount(value, out var n):
                    options.IdleInstances = n;
                    break;
                case "--concurrency" when TryCount(value, out var n):
                    options.Concurrency = n;
                    break;
                case "--idle-concurrency" when TryCount(value, out var n):
                    options.IdleConcurrency = n;
                    break;
                case "--postgres" when !string.IsNullOrWhiteSpace(value):
                    options.PostgresConnectionString = value;
                    break;
                case "--engine" when Enum.TryParse<BenchEngine>(value, ignoreCase: true, out var engine):
                    options.Engine = engine;
                    break;
                default:
                    error.WriteLine($"'{name} {value}' is not understood.");
                    error.WriteLine(Usage);
                    return null;
            }
        }
        if (options.Events > options.Instances)
        {
            error.WriteLine($"--events ({options.Events}) cannot exceed --instances ({options.Instances}): each event resumes one started instance.");
            return null;
        }
        if (options.SkipSqlite && options.SkipPostgres && options.SkipWorkflowCore)
        {
            error.WriteLine("Every engine is skipped; nothing to run.");
            return null;
        }
        return options;
    }

    private static bool TryCount(string value, out int count) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0;
}
