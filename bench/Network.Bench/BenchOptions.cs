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
/// [--postgres "..."] [--skip-sqlite] [--skip-postgres] [--skip-workflowcore] [--skip-history] [--history-updates N]
/// [--rounds N] [--json PATH]</c>, or <c>--history [--history-updates N] [--json PATH]</c> for the history scenario alone, or
/// <c>--links [--link-messages N] [--link-latency-samples N] [--json PATH]</c> for the tenant-link scenario alone, or
/// <c>--reports …</c> for the report scenario, or
/// <c>--dashboard [--dashboard-commitments N] [--dashboard-tenants N] [--dashboard-loads N]</c> for the dashboard's, or
/// <c>--soak DURATION [--soak-tenants N] [--soak-rate N] [--json PATH]</c> for the soak.
/// </summary>
internal sealed class BenchOptions
{
    /// <summary>The figure: memory per idle instance with 100,000 instances waiting.</summary>
    public const int DefaultIdleInstances = 100_000;

    public int Instances { get; private set; } = 2_000;

    public int Events { get; private set; } = 2_000;

    public int IdleInstances { get; private set; } = DefaultIdleInstances;

    /// <summary>
    /// How many times each engine runs, in turn (SQLite, PostgreSQL, WorkflowCore, then again), each time in a new
    /// process; the table gives each figure's median over the rounds, and each round's events/s beside it. One run of
    /// an engine's events takes about a second, and this machine's speed moves by half within minutes (a fixed Python
    /// loop took 1.9 to 3.4 s on 2026-12-05), so one round compares engines measured at different speeds; engines
    /// taking turns meet the same spells of load.
    /// </summary>
    public int Rounds { get; private set; } = 3;

    /// <summary>
    /// Instances an engine starts and resumes, not timed, before the timed ones. .NET first runs code unoptimised and
    /// compiles the hot methods again, optimised, in the background, over seconds of traffic. Network gets 10,000:
    /// after 200 (earlier versions) most of its frames in a profile were still unoptimised, and after 2,000 (the
    /// issue's command, when this was the smaller of 3,000 and <see cref="Instances"/>) a run of 2,000 events gave
    /// 1,568 to 1,893 events/s and a p99 of 12 to 15 ms where 10,000 warm-ups gave 2,404 to 3,262 and 6 to 10 ms
    /// (2026-12-04, SQLite): start-up figures, not a running host's. WorkflowCore keeps the smaller of 3,000 and
    /// <see cref="Instances"/>: its in-memory store looks through every instance it holds at each poll, so warm-up
    /// instances slow its timed phases (10,000 of them halved its events/s, 1,109 to 548), and that would not be a fair
    /// comparison. Network's warm-up instances stay too (their activations in memory, their rows in the tables).
    /// </summary>
    public int WarmUps(BenchEngine engine) => engine == BenchEngine.WorkflowCore ? Math.Min(3_000, Instances) : 10_000;

    /// <summary>Calls in flight for every engine when given; otherwise each engine's own default (<see cref="InFlight"/>).</summary>
    public int? Concurrency { get; private set; }

    /// <summary>Calls in flight while starting the idle instances, when given (<see cref="IdleInFlight"/>).</summary>
    public int? IdleConcurrency { get; private set; }

    public string? PostgresConnectionString { get; private set; }

    public bool SkipSqlite { get; private set; }

    public bool SkipPostgres { get; private set; }

    public bool SkipWorkflowCore { get; private set; }

    /// <summary>Run only the tenant-link scenario (<see cref="LinkBench"/>) instead of the engine comparison.</summary>
    public bool Links { get; private set; }

    /// <summary>ReportProgress messages published for the link throughput figure.</summary>
    public int LinkMessages { get; private set; } = 2_000;

    /// <summary>Messages sent one at a time for the link latency figures.</summary>
    public int LinkLatencySamples { get; private set; } = 200;

    /// <summary>Run only the report scenario (<see cref="ReportBench"/>).</summary>
    public bool Reports { get; private set; }

    /// <summary>Commitments in the report scenario's session.</summary>
    public int ReportCommitments { get; private set; } = 50;

    /// <summary>Progress entries recorded over them before the reports are timed.</summary>
    public int ReportProgress { get; private set; } = 2_000;

    /// <summary>Timed requests per format.</summary>
    public int ReportSamples { get; private set; } = 20;

    /// <summary>Run only the dashboard scenario (<see cref="DashboardBench"/>) instead of the engine comparison.</summary>
    public bool Dashboard { get; private set; }

    /// <summary>Commitments the dashboard scenario fills one tenant's subtree with (issue 10's figure: 10,000).</summary>
    public int DashboardCommitments { get; private set; } = 10_000;

    /// <summary>Partner tenants below the forum, owning the commitments between them.</summary>
    public int DashboardTenants { get; private set; } = 50;

    /// <summary>Dashboard loads measured (after warm-up), for p50 and p99.</summary>
    public int DashboardLoads { get; private set; } = 50;

    /// <summary>How long the soak runs (<see cref="SoakBench"/>), when given: the soak scenario instead of the engines.</summary>
    public TimeSpan? Soak { get; private set; }

    /// <summary>Partner tenants below the soak's forum, each with its member, coordinator and integration keys.</summary>
    public int SoakTenants { get; private set; } = 8;

    /// <summary>
    /// Operations started per second in the soak, whether or not the earlier ones have finished (open loop); the
    /// default is what the shared 2-core VM of the README sustained with headroom (see the README's soak section).
    /// </summary>
    public int SoakRate { get; private set; } = 40;

    /// <summary>Run only the history scenario (<see cref="HistoryBench"/>), not the engines.</summary>
    public bool History { get; private set; }

    /// <summary>Leave the history scenario out of the engine run.</summary>
    public bool SkipHistory { get; private set; }

    /// <summary>Progress updates timed, one at a time, on each of the history scenario's commitments.</summary>
    public int HistoryUpdates { get; private set; } = 200;

    /// <summary>Set in the child process that runs the history scenario; the parent leaves it false.</summary>
    public bool HistoryChild { get; private set; }

    /// <summary>Where to write the figures as JSON (<see cref="BenchJson"/>) after the run, when given.</summary>
    public string? JsonPath { get; private set; }

    /// <summary>Set in the child process that runs one engine; the parent leaves it null.</summary>
    public BenchEngine? Engine { get; private set; }

    public const string Usage =
        "usage: dotnet run -c Release --project bench/Network.Bench -- [--instances N] [--events N] [--idle-instances N] " +
        "[--concurrency N] [--idle-concurrency N] [--postgres \"<Npgsql connection string>\"] " +
        "[--skip-sqlite] [--skip-postgres] [--skip-workflowcore] [--skip-history] [--history-updates N] [--rounds N] [--json PATH]\n" +
        "  Without --postgres the benchmark starts a throwaway PostgreSQL from /usr/lib/postgresql/*/bin.\n" +
        "  Each engine: --instances starts (default 2000), --events events (default 2000), --idle-instances left waiting\n" +
        "  (default 100000) for memory per idle instance, then --events events again on fresh instances beside them (events/s idle).\n" +
        "  --rounds N (default 3): the engines take turns N times, each run a new process; figures are the medians.\n" +
        "  After the SQLite engine comes the history scenario (unless --skip-history): see --history.\n" +
        "  --json PATH also writes the figures to PATH (overwritten): {\"engines\": [...], \"history\": {...}} here,\n" +
        "  {\"history\": {...}} with --history, {\"links\": {...}} with --links; see the README for the fields.\n" +
        "   or: dotnet run -c Release --project bench/Network.Bench -- --history [--history-updates N] [--json PATH]\n" +
        "  --history runs only the history scenario: Network on a SQLite file, in a silo wired as the host (its workflow\n" +
        "  library, so each commitment's lifecycle instance follows its progress); an owner records progress through the\n" +
        "  domain service of POST .../commitments/{id}/progress on two commitments brought to 10 and 2000 updates, then\n" +
        "  --history-updates more on each (default 200), one at a time, the two taking turns: progress/s at 10 and at 2000.\n" +
        "   or: dotnet run -c Release --project bench/Network.Bench -- --links [--link-messages N] [--link-latency-samples N] [--json PATH]\n" +
        "  --links runs only the tenant-link scenario: the built host (src/Network.Host/bin/Release or Debug) on a throwaway\n" +
        "  RabbitMQ from /usr/lib/rabbitmq/bin; a partner publishes --link-messages ReportProgress messages (default 2000)\n" +
        "  and counts their ProgressReported events, then sends --link-latency-samples (default 200) one at a time.\n" +
        "   or: dotnet run -c Release --project bench/Network.Bench -- --reports [--report-commitments N] [--report-progress N] [--report-samples N]\n" +
        "  --reports runs only the report scenario: the built host on a SQLite file, a session of --report-commitments\n" +
        "  (default 50) with --report-progress entries (default 2000), then its progress report in every format\n" +
        "  --report-samples times (default 20), each timed to its last byte.\n" +
        "   or: dotnet run -c Release --project bench/Network.Bench -- --dashboard [--dashboard-commitments N] [--dashboard-tenants N] [--dashboard-loads N]\n" +
        "  --dashboard runs only the dashboard scenario: the built host on a SQLite file; a forum with --dashboard-tenants partners\n" +
        "  (default 50) gets --dashboard-commitments commitments (default 10000) through the session import; then the signed-in\n" +
        "  dashboard page and the lists its interactive render asks for are loaded --dashboard-loads times (default 50).\n" +
        "   or: dotnet run -c Release --project bench/Network.Bench -- --soak DURATION [--soak-tenants N] [--soak-rate N] [--json PATH]\n" +
        "  --soak runs only the soak: the built host on a SQLite file and a throwaway RabbitMQ; a forum with --soak-tenants\n" +
        "  partners (default 8) owning the GFMD report's commitments; then for DURATION (a whole number and s, m or h: 90s,\n" +
        "  10m, 1h) --soak-rate operations a second (default 40), open loop: progress, reads, task completions over HTTP and\n" +
        "  link messages over AMQP. Reports errors by kind, p50/p99 per minute, the host's memory after warm-up and at the end;\n" +
        "  exits with 3 when a target (no errors, every message applied once, no memory growth) is missed.";

    /// <summary>
    /// Calls the engine gets in flight at once while starts, events and latency are measured: <see cref="Concurrency"/>,
    /// or the engine's default. The defaults come from runs of 1,000 starts and events and 10,000 idle instances at
    /// several levels on the 2-core machine of the README, once busy with other builds and once quiet; the README
    /// lists what each level gave.
    /// </summary>
    public int InFlight(BenchEngine engine) => Concurrency ?? engine switch
    {
        // SQLite has one writer; the state pipeline group-commits whatever is in flight. On 2026-12-02 (1,000 starts
        // and events, quiet machine): 2 in flight 446 starts/s, 372 events/s, p99 11 ms; 4: 478, 424, 23 ms;
        // 8: 652, 644, 26 ms; 16: 845, 615, 299 ms (Orleans' reminder connections still meet 150 ms busy sleeps).
        BenchEngine.Sqlite => 8,
        // PostgreSQL shares one WAL flush among concurrent commits. On 2026-12-06 (2,000 starts and events, three
        // alternating runs per level): 8 in flight 2,264-2,665 events/s, p99 5.9-10.0 ms; 12: 1,968-2,362, 11.5-14.5 ms;
        // 16: 2,123-2,458, 15.5-25.5 ms. The engine and PostgreSQL fill the 2 cores at 8; more in flight only queues.
        BenchEngine.PostgreSql => 8,
        // WorkflowCore's calls only queue work for its background workers; the level changes little.
        _ => 4,
    };

    /// <summary>
    /// Calls in flight while the idle instances are started, where only the rate matters, not each call's latency:
    /// <see cref="IdleConcurrency"/>, or the engine's default (measured as for <see cref="InFlight"/>).
    /// </summary>
    public int IdleInFlight(BenchEngine engine) => IdleConcurrency ?? engine switch
    {
        // As above: from 8 the rate levels off.
        BenchEngine.Sqlite => 8,
        // 8 to 64 filled within 10% of each other; 16 was fastest on the busy machine.
        BenchEngine.PostgreSql => 16,
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

    /// <summary>The command line of the child process that runs the history scenario.</summary>
    public IReadOnlyList<string> ForHistoryChild() =>
        ["--history-child", "--history-updates", HistoryUpdates.ToString(CultureInfo.InvariantCulture)];

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
                case "--links":
                    options.Links = true;
                    continue;
                case "--reports":
                    options.Reports = true;
                    continue;
                case "--dashboard":
                    options.Dashboard = true;
                    continue;
                case "--history":
                    options.History = true;
                    continue;
                case "--skip-history":
                    options.SkipHistory = true;
                    continue;
                case "--history-child":
                    options.HistoryChild = true;
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
                case "--rounds" when TryCount(value, out var n):
                    options.Rounds = n;
                    break;
                case "--link-messages" when TryCount(value, out var n):
                    options.LinkMessages = n;
                    break;
                case "--link-latency-samples" when TryCount(value, out var n):
                    options.LinkLatencySamples = n;
                    break;
                case "--report-commitments" when TryCount(value, out var n):
                    options.ReportCommitments = n;
                    break;
                case "--report-progress" when TryCount(value, out var n):
                    options.ReportProgress = n;
                    break;
                case "--report-samples" when TryCount(value, out var n):
                    options.ReportSamples = n;
                    break;
                case "--dashboard-commitments" when TryCount(value, out var n):
                    options.DashboardCommitments = n;
                    break;
                case "--dashboard-tenants" when TryCount(value, out var n):
                    options.DashboardTenants = n;
                    break;
                case "--dashboard-loads" when TryCount(value, out var n):
                    options.DashboardLoads = n;
                    break;
                case "--soak" when SoakDuration.TryParse(value, out var duration):
                    options.Soak = duration;
                    break;
                case "--soak":
                    error.WriteLine($"--soak {value}: {SoakDuration.Expected}");
                    return null;
                case "--soak-tenants" when TryCount(value, out var n):
                    options.SoakTenants = n;
                    break;
                case "--soak-rate" when TryCount(value, out var n):
                    options.SoakRate = n;
                    break;
                case "--history-updates" when TryCount(value, out var n):
                    options.HistoryUpdates = n;
                    break;
                case "--json" when !string.IsNullOrWhiteSpace(value):
                    options.JsonPath = Path.GetFullPath(value);
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
        if (options.JsonPath is { } json)
        {
            if (options.Reports || options.Dashboard)
            {
                error.WriteLine("--json writes the figures of the engine run, --history, --links and --soak; not of --reports or --dashboard.");
                return null;
            }
            // Checked now rather than after a run of many minutes.
            if (!Directory.Exists(Path.GetDirectoryName(json)))
            {
                error.WriteLine($"--json {json}: its directory does not exist.");
                return null;
            }
        }
        var modes = new[] { options.Links, options.Reports, options.Dashboard, options.History, options.Soak is not null }.Count(m => m);
        if (modes > 1)
        {
            error.WriteLine("--links, --reports, --dashboard, --history and --soak each run one scenario alone: give one of them.");
            return null;
        }
        if (options.Soak is null && (args.Contains("--soak-tenants") || args.Contains("--soak-rate")))
        {
            error.WriteLine("--soak-tenants and --soak-rate belong to --soak DURATION.");
            return null;
        }
        if (modes > 0 && args.Contains("--rounds"))
        {
            error.WriteLine("--rounds belongs to the engine comparison, not to --links, --reports, --dashboard, --history or --soak.");
            return null;
        }
        if (options.Links || options.Reports || options.Dashboard || options.Soak is not null)
        {
            return options;
        }
        if (options.History)
        {
            if (options.SkipHistory)
            {
                error.WriteLine("--history runs only the history scenario; --skip-history leaves it out: give one of them.");
                return null;
            }
            return options;
        }
        if (options.Events > options.Instances)
        {
            error.WriteLine($"--events ({options.Events}) cannot exceed --instances ({options.Instances}): each event resumes one started instance.");
            return null;
        }
        if (options.SkipSqlite && options.SkipPostgres && options.SkipWorkflowCore && options.SkipHistory)
        {
            error.WriteLine("Every engine and the history scenario are skipped; nothing to run.");
            return null;
        }
        return options;
    }

    private static bool TryCount(string value, out int count) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0;
}
