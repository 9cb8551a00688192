using System.Diagnostics;
using System.Globalization;
using System.Text;
using Network.Host.Storage;
using Network.Testing;

namespace Network.Bench;

/// <summary>
/// The dashboard scenario (<c>--dashboard</c>), issue 10's "10,000 commitments render their first page at once": the
/// built host on a SQLite file as an operator runs it, one forum filled with N commitments (<see cref="DashboardFill"/>),
/// and what a coordinator's dashboard load costs. Measured sequentially, one reader, after warm-up loads:
/// <list type="bullet">
/// <item>the signed-in page <c>/</c> over HTTP with the session cookie (<see cref="CookieSignIn"/>): the prerendered
/// dashboard (counts by status, needs attention, by session, open tasks, escalations, the filter bar's tenants),
/// time to the first byte of the body and to the last;</item>
/// <item>what the page's interactive render asks for besides, which prerendering leaves to the circuit (the paged
/// tables load their data only once interactive), timed through the HTTP API calls of the same service methods:
/// the commitment list's first page, the subtree's tenants (which the filter bar and the by-owner panel each ask
/// for), and the by-owner panel's first page (two totals for each of ten owners).</item>
/// </list>
/// </summary>
internal static class DashboardBench
{
    private const int WarmUpLoads = 5;

    /// <summary>Rows per page of the dashboard's commitment table and of its by-owner panel (CommitmentTable, OwnerCounts).</summary>
    private const int CommitmentRows = 25;
    private const int OwnerRows = 10;

    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> args)
    {
        var wall = Stopwatch.StartNew();
        BenchRun.PrintFacts(options, args,
            $"{options.DashboardCommitments:N0} commitments in {DashboardFill.PerSession} per session, {options.DashboardTenants:N0} partner tenants, {options.DashboardLoads:N0} dashboard loads");
        var directory = Directory.CreateTempSubdirectory("network-bench-dashboard-").FullName;
        try
        {
            var database = Path.Combine(directory, "network.db");
            var bootstrapKey = "nwk_bench-" + Guid.NewGuid().ToString("N");
            var host = await HostProcess.StartAsync(BenchHostSettings.For(new Dictionary<string, string> { ["Storage:Sqlite:Path"] = database }, bootstrapKey)).ConfigureAwait(false);
            await using (host.ConfigureAwait(false))
            {
                Console.Error.WriteLine($"[dashboard] host {HostAssembly.Path} ready at {host.BaseAddress}");
                try
                {
                    var (key, fillSeconds) = await FillAsync(options, host, bootstrapKey).ConfigureAwait(false);
                    var figures = await MeasureAsync(options, host, key).ConfigureAwait(false);
                    var store = await StoreDescription.SqliteAsync(new StorageOptions { Sqlite = new SqliteStorageOptions { Path = database } }).ConfigureAwait(false);
                    Print(figures, options, fillSeconds, store);
                }
                catch (Exception exception)
                {
                    // A refusal by the host (a 500, say) is explained in its own log: show both.
                    throw new InvalidOperationException($"The dashboard scenario failed: {exception.Message}\nThe host's last output:\n{host.OutputTail()}", exception);
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        Console.WriteLine($"wall time: {wall.Elapsed:h\\:mm\\:ss}");
        return 0;
    }

    /// <summary>Fills the forum; answers its coordinator's key and how long the fill took.</summary>
    private static async Task<(string Key, double Seconds)> FillAsync(BenchOptions options, HostProcess host, string bootstrapKey)
    {
        var watch = Stopwatch.StartNew();
        string key;
        using (var root = host.CreateClient(bootstrapKey))
        {
            key = await DashboardFill.TenantsAsync(root, options.DashboardTenants).ConfigureAwait(false);
        }
        using var coordinator = host.CreateClient(key);
        var commitments = await DashboardFill.CommitmentsAsync(coordinator, options.DashboardCommitments, options.DashboardTenants).ConfigureAwait(false);
        Console.Error.WriteLine($"[dashboard] {commitments.Count:N0} commitments imported after {watch.Elapsed.TotalSeconds:N0} s; reporting progress on one in {DashboardFill.ProgressEvery}…");
        await DashboardFill.ProgressAsync(coordinator, commitments).ConfigureAwait(false);
        Console.Error.WriteLine($"[dashboard] filled in {watch.Elapsed.TotalSeconds:N0} s");
        return (key, watch.Elapsed.TotalSeconds);
    }

    private static async Task<DashboardFigures> MeasureAsync(BenchOptions options, HostProcess host, string key)
    {
        using var browser = await CookieSignIn.SignInAsync(host.BaseAddress, key).ConfigureAwait(false);
        using var api = host.CreateClient(key);
        var forum = DashboardFill.ForumId;
        var owners = Enumerable.Range(0, Math.Min(OwnerRows, options.DashboardTenants)).Select(DashboardFill.PartnerId).ToList();

        var page = new Samples();
        var list = new Samples();
        var subtree = new Samples();
        var byOwner = new Samples();
        string? html = null;
        Console.Error.WriteLine($"[dashboard] {WarmUpLoads} warm-up loads, then {options.DashboardLoads} measured…");
        for (var load = -WarmUpLoads; load < options.DashboardLoads; load++)
        {
            var measured = load >= 0;
            var (pageTiming, body) = await GetAsync(browser, "/", keepBody: load == options.DashboardLoads - 1).ConfigureAwait(false);
            html = body ?? html;
            var listTiming = await GetAsync(api, $"api/tenants/{forum}/commitments?offset=0&limit={CommitmentRows}", keepBody: false).ConfigureAwait(false);
            var subtreeTiming = await GetAsync(api, $"api/tenants/{forum}/subtree", keepBody: false).ConfigureAwait(false);
            // OwnerCounts: for each owner on its first page, the total and the stalled ones, one after the other.
            var ownerStart = Stopwatch.GetTimestamp();
            foreach (var owner in owners)
            {
                await GetAsync(api, $"api/tenants/{forum}/commitments?owner={owner}&offset=0&limit=1", keepBody: false).ConfigureAwait(false);
                await GetAsync(api, $"api/tenants/{forum}/commitments?owner={owner}&status=stalled&offset=0&limit=1", keepBody: false).ConfigureAwait(false);
            }
            var ownerMs = Measure.Milliseconds(ownerStart, Stopwatch.GetTimestamp());
            if (measured)
            {
                page.Add(pageTiming);
                list.Add(listTiming.Timing);
                subtree.Add(subtreeTiming.Timing);
                byOwner.Add(new Timing(ownerMs, ownerMs, 0));
            }
        }
        return new DashboardFigures(page, list, subtree, byOwner, owners.Count * 2, Check(html ?? ""));
    }

    /// <summary>What the last page load showed, so a sign-in page or an error page is never timed as the dashboard.</summary>
    private static PageCheck Check(string html)
    {
        if (!html.Contains("data-testid=\"attention\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The page loaded is not the dashboard with its panels:\n" + html[..Math.Min(html.Length, 2000)]);
        }
        static int Count(string text, string what)
        {
            var count = 0;
            for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
            {
                count++;
            }
            return count;
        }
        return new PageCheck(Encoding.UTF8.GetByteCount(html), Count(html, "Commitment "), Count(html, "<option "));
    }

    /// <summary>One GET, timed to the first byte of the body and to the last; 200 or the run fails.</summary>
    private static async Task<(Timing Timing, string? Body)> GetAsync(HttpClient client, string uri, bool keepBody)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(new Uri(uri, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {uri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[64 * 1024];
            using var kept = keepBody ? new MemoryStream() : null;
            long firstByte = 0;
            long bytes = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                firstByte = firstByte == 0 ? Stopwatch.GetTimestamp() : firstByte;
                bytes += read;
                kept?.Write(buffer, 0, read);
            }
            var end = Stopwatch.GetTimestamp();
            var timing = new Timing(Measure.Milliseconds(start, firstByte == 0 ? end : firstByte), Measure.Milliseconds(start, end), bytes);
            return (timing, kept is null ? null : Encoding.UTF8.GetString(kept.ToArray()));
        }
    }

    private static void Print(DashboardFigures f, BenchOptions options, double fillSeconds, string store)
    {
        static string F(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
        var header = new[] { "dashboard load, " + options.DashboardCommitments.ToString("N0", CultureInfo.InvariantCulture) + " commitments", "requests", "first byte p50 ms", "p99 ms", "complete p50 ms", "p99 ms" };
        var rows = new List<string[]>
        {
            new[] { "page `/` (prerendered, cookie)", "1", F(f.Page.FirstByte(0.5)), F(f.Page.FirstByte(0.99)), F(f.Page.Complete(0.5)), F(f.Page.Complete(0.99)) },
            new[] { $"commitment list, first {CommitmentRows} (API)", "1", F(f.List.FirstByte(0.5)), F(f.List.FirstByte(0.99)), F(f.List.Complete(0.5)), F(f.List.Complete(0.99)) },
            new[] { $"tenants of the subtree, {options.DashboardTenants + 1} (API)", "1", F(f.Subtree.FirstByte(0.5)), F(f.Subtree.FirstByte(0.99)), F(f.Subtree.Complete(0.5)), F(f.Subtree.Complete(0.99)) },
            new[] { $"by owner, first {OwnerRows} owners (API)", f.OwnerRequests.ToString(CultureInfo.InvariantCulture), "", "", F(f.ByOwner.Complete(0.5)), F(f.ByOwner.Complete(0.99)) },
        };
        var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(row => row[c].Length))).ToArray();
        string Line(string[] cells) => "| " + string.Join(" | ", cells.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |";
        Console.WriteLine();
        Console.WriteLine(Line(header));
        Console.WriteLine("|" + string.Join("|", widths.Select((w, c) => c == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in rows)
        {
            Console.WriteLine(Line(row));
        }
        Console.WriteLine();
        Console.WriteLine($"""
            Scenario: a coordinator of the forum loads its dashboard; {options.DashboardLoads} loads one after the other, after {WarmUpLoads} not counted.
             - Host: {HostAssembly.Path}
               as a child process; store {store}.
             - Data: {options.DashboardCommitments:N0} commitments imported as {Math.Ceiling(options.DashboardCommitments / (double)DashboardFill.PerSession):N0} structured sessions
               ({DashboardFill.PerSession} each, POST …/sessions), owned by {options.DashboardTenants} partner tenants of the forum, one in
               {DashboardFill.ProgressEvery} moved to another status; filled in {fillSeconds:N0} s.
             - The page: {f.Check.Bytes:N0} bytes of HTML, {f.Check.CommitmentMentions} commitment texts in it, {f.Check.Options} options in
               its filter bar. First byte: the first bytes of the body arrived; complete: the last.
             - After the page, the circuit renders it again (the same calls as the prerender) and loads what prerendering
               left out: the rows below, each timed through its HTTP API call (the same service method).
            """);
    }

    private sealed record DashboardFigures(Samples Page, Samples List, Samples Subtree, Samples ByOwner, int OwnerRequests, PageCheck Check);

    private sealed record PageCheck(int Bytes, int CommitmentMentions, int Options);

    private readonly record struct Timing(double FirstByteMs, double CompleteMs, long Bytes);

    /// <summary>The timings of one kind of request, with their percentiles.</summary>
    private sealed class Samples
    {
        private readonly List<Timing> _all = [];

        public void Add(Timing timing) => _all.Add(timing);

        public double FirstByte(double fraction) => Measure.Percentile(_all.Select(t => t.FirstByteMs).Order().ToArray(), fraction);

        public double Complete(double fraction) => Measure.Percentile(_all.Select(t => t.CompleteMs).Order().ToArray(), fraction);
    }
}
