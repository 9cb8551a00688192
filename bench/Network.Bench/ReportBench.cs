using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Contracts.Tenants;
using Network.Testing;

namespace Network.Bench;

/// <summary>
/// The report scenario (<c>--reports</c>): the built host on a SQLite file, one session of
/// <see cref="BenchOptions.ReportCommitments"/> commitments owned by a partner, <see cref="BenchOptions.ReportProgress"/>
/// progress entries spread over them through the API, then the session's progress report asked for again and again
/// in every format, each request timed from send to the last byte. Issue 11 asks for under a second at 50 commitments
/// and 2,000 entries.
/// </summary>
internal static class ReportBench
{
    private const string ForumId = "forum";
    private const string PartnerId = "tmp";
    private static readonly string[] Formats = ["json", "html", "md", "pdf", "xlsx"];
    private static readonly string[] Statuses = ["limited", "substantial"];

    public static async Task<int> RunAsync(BenchOptions options, IReadOnlyList<string> args)
    {
        var wall = Stopwatch.StartNew();
        BenchRun.PrintFacts(options, args,
            $"a session of {options.ReportCommitments:N0} commitments with {options.ReportProgress:N0} progress entries, each format asked for {options.ReportSamples:N0} times");
        var directory = Directory.CreateTempSubdirectory("network-bench-reports-").FullName;
        try
        {
            var bootstrapKey = "nwk_bench-" + Guid.NewGuid().ToString("N");
            var host = await HostProcess.StartAsync(BenchHostSettings.For(new Dictionary<string, string>
            {
                ["Storage:Sqlite:Path"] = Path.Combine(directory, "network.db"),
            }, bootstrapKey)).ConfigureAwait(false);
            await using (host.ConfigureAwait(false))
            {
                Console.Error.WriteLine($"[reports] host {HostAssembly.Path} ready at {host.BaseAddress}");
                try
                {
                    using var root = host.CreateClient(bootstrapKey);
                    var sessionId = await FillAsync(root, options).ConfigureAwait(false);
                    Print(await MeasureAsync(root, sessionId, options).ConfigureAwait(false));
                }
                catch (Exception exception) when (exception is not InvalidOperationException)
                {
                    throw new InvalidOperationException($"The report scenario failed: {exception}\nThe host's last output:\n{host.OutputTail()}", exception);
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

    /// <summary>The forum, its partner, the session, and the progress entries, round-robin over the commitments.</summary>
    private static async Task<string> FillAsync(HttpClient root, BenchOptions options)
    {
        await BenchApi.CreateTenantAsync(root, ForumId, "Forum coordination", "platform", "network").ConfigureAwait(false);
        await BenchApi.CreateTenantAsync(root, PartnerId, "Transnational Migrant Platform", "platform", ForumId).ConfigureAwait(false);

        var commitments = Enumerable.Range(1, options.ReportCommitments)
            .Select(i => new SessionCommitmentResource(i,
                $"Commitment {i}: organise national dialogues on labour migration governance with trade unions and employers, and report back to the forum.",
                "Transnational Migrant Platform", [new OwnerResource("Transnational Migrant Platform", PartnerId)],
                [new MilestoneResource("First dialogue", new DateOnly(2027, 3, 31))], [], null, null, null))
            .ToList();
        var session = new SessionResource("GFMD", "B", "Benchmark session", "Labour migration", new DateOnly(2026, 12, 1), false,
            [new PeriodResource(1, "Next twelve months", "GFMD 2027", new DateOnly(2027, 12, 31), commitments)],
            [new PriorityMessageResource(1, "Governments should open regular pathways.", new DateOnly(2027, 6, 30))],
            ["The benchmark's reflections."]);
        using var imported = await root.PostAsJsonAsync($"api/tenants/{ForumId}/sessions", session).ConfigureAwait(false);
        await BenchApi.EnsureAsync(imported, HttpStatusCode.Created, "importing the session").ConfigureAwait(false);
        var result = (await imported.Content.ReadFromJsonAsync<ImportResultResource>().ConfigureAwait(false))!;

        var started = Stopwatch.StartNew();
        for (var i = 0; i < options.ReportProgress; i++)
        {
            var id = result.CommitmentIds[i % result.CommitmentIds.Count];
            var request = new ReportProgressRequest(Statuses[i / result.CommitmentIds.Count % 2],
                $"Update {i}: a dialogue was held; minutes and the list of participants are online.", $"https://example.org/evidence/{i}");
            using var response = await root.PostAsJsonAsync($"api/tenants/{ForumId}/commitments/{id}/progress", request).ConfigureAwait(false);
            await BenchApi.EnsureAsync(response, HttpStatusCode.OK, "reporting progress on " + id).ConfigureAwait(false);
        }
        Console.Error.WriteLine($"[reports] {options.ReportProgress:N0} progress entries recorded in {started.Elapsed.TotalSeconds:N1} s");
        return result.Session.Id!;
    }

    private static async Task<List<(string Format, double[] Times, long Bytes)>> MeasureAsync(HttpClient client, string sessionId, BenchOptions options)
    {
        var figures = new List<(string, double[], long)>();
        foreach (var format in Formats)
        {
            var uri = $"api/tenants/{ForumId}/sessions/{sessionId}/report?format={format}";
            long bytes = 0;
            // The first requests load the code paths (and PDFsharp's fonts); they are not counted.
            for (var i = 0; i < 2; i++)
            {
                bytes = await FetchAsync(client, uri).ConfigureAwait(false);
            }
            var times = new List<double>(options.ReportSamples);
            for (var i = 0; i < options.ReportSamples; i++)
            {
                var watch = Stopwatch.StartNew();
                bytes = await FetchAsync(client, uri).ConfigureAwait(false);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            figures.Add((format, times.Order().ToArray(), bytes));
        }
        return figures;
    }

    private static async Task<long> FetchAsync(HttpClient client, string uri)
    {
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
        await BenchApi.EnsureAsync(response, HttpStatusCode.OK, "GET " + uri).ConfigureAwait(false);
        return (await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false)).LongLength;
    }

    private static void Print(List<(string Format, double[] Times, long Bytes)> figures)
    {
        Console.WriteLine();
        Console.WriteLine("session progress report, from request to last byte (ms)");
        Console.WriteLine($"{"format",-8}{"p50",10}{"p99",10}{"max",10}{"size",12}");
        foreach (var (format, times, bytes) in figures)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{format,-8}{Measure.Percentile(times, 0.50),10:F1}{Measure.Percentile(times, 0.99),10:F1}{times[^1],10:F1}{bytes / 1024.0,10:F0} KB"));
        }
    }

}
