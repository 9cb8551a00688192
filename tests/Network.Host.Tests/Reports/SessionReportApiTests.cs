using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MiniExcelLibs;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;
using UglyToad.PdfPig;

namespace Network.Host.Tests.Reports;

/// <summary>
/// The session progress report of the real GFMD report, with progress recorded on chosen days, read back as a person
/// would open it: the Markdown against a golden file, the HTML's text, the PDF's text, the spreadsheet's cells.
/// </summary>
[Collection(ReportCollection.Name)]
public sealed partial class SessionReportApiTests(ReportHostFixture host)
{
    private const string WriteGoldenVariable = "NETWORK_WRITE_GOLDEN";

    private async Task<JsonElement> DataAsync(string query = "asOf=2017-01-10")
    {
        using var client = host.Coordinator();
        return await client.GetFromJsonAsync<JsonElement>(host.SessionReportUri(query + "&format=json"));
    }

    private async Task<HttpResponseMessage> GetAsync(string query, HttpClient? client = null)
    {
        using var own = client is null ? host.Coordinator() : null;
        return await (client ?? own!).GetAsync(host.SessionReportUri(query));
    }

    private static IEnumerable<JsonElement> Commitments(JsonElement report) =>
        report.GetProperty("periods").EnumerateArray().SelectMany(p => p.GetProperty("commitments").EnumerateArray());

    [Fact]
    public async Task The_markdown_equals_the_golden_file()
    {
        using var response = await GetAsync("asOf=2017-01-10&format=md&lang=en");
        await TestApi.EnsureStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        // The session id is fixed by the report; the forum's tenant id differs per run and never shows in the text.
        var markdown = await response.Content.ReadAsStringAsync();
        var golden = Path.Combine(AppContext.BaseDirectory, "Reports", "Golden", "gfmd-2016-c-progress-report.en.md");
        if (Environment.GetEnvironmentVariable(WriteGoldenVariable) == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Reports", "Golden", Path.GetFileName(golden)));
            await File.WriteAllTextAsync(source, markdown);
            return;
        }
        Assert.True(File.Exists(golden), $"No golden file; write it with {WriteGoldenVariable}=1 dotnet test --filter SessionReportApiTests, then read it.");
        Assert.Equal(await File.ReadAllTextAsync(golden), markdown);
    }

    [Fact]
    public async Task The_html_has_every_commitment_message_and_reflection_and_the_partners_markup_as_text()
    {
        var data = await DataAsync();
        using var response = await GetAsync("asOf=2017-01-10&format=html");
        await TestApi.EnsureStatusAsync(response, HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var text = WebUtility.HtmlDecode(Whitespace().Replace(html, " "));

        var expected = Commitments(data).Select(c => c.GetProperty("text").GetString()!)
            .Concat(data.GetProperty("priorityMessages").EnumerateArray().Select(m => m.GetProperty("text").GetString()!))
            .Concat(data.GetProperty("reflections").EnumerateArray().Select(r => r.GetString()!))
            .ToList();
        Assert.True(expected.Count >= 8, $"the sample has commitments, messages and reflections: {expected.Count}");
        foreach (var piece in expected)
        {
            Assert.Contains(Whitespace().Replace(piece, " "), text, StringComparison.Ordinal);
        }
        Assert.Contains("&lt;b&gt;note&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/tmp/workshop\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task As_of_a_day_before_the_progress_the_report_shows_the_earlier_status()
    {
        var before = Commitments(await DataAsync("asOf=2016-12-15")).Single(c => c.GetProperty("id").GetString() == host.TmpCommitment.Id);
        var between = Commitments(await DataAsync("asOf=2016-12-31")).Single(c => c.GetProperty("id").GetString() == host.TmpCommitment.Id);
        var after = Commitments(await DataAsync("asOf=2017-01-10")).Single(c => c.GetProperty("id").GetString() == host.TmpCommitment.Id);

        Assert.Equal("not-started", before.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("latestUpdate").ValueKind);
        Assert.Equal("limited", between.GetProperty("status").GetString());
        Assert.Equal("substantial", after.GetProperty("status").GetString());
        Assert.Equal(["https://example.org/tmp/workshop", "https://example.org/tmp/draft?a=1&b=2"], after.GetProperty("evidenceLinks").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_pdf_read_back_has_every_commitment_s_text_and_status_in_order()
    {
        var data = await DataAsync();
        using var response = await GetAsync("asOf=2017-01-10&format=pdf");
        await TestApi.EnsureStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        // A page for the title block, then each period on a page of its own: the session runs over several pages.
        Assert.True(pdf.NumberOfPages > 2, $"{pdf.NumberOfPages} pages");
        var text = Whitespace().Replace(string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)))), " ");

        var at = 0;
        foreach (var commitment in Commitments(data))
        {
            var words = Whitespace().Replace(commitment.GetProperty("text").GetString()!, " ");
            var found = text.IndexOf(words, at, StringComparison.Ordinal);
            Assert.True(found >= at, $"'{words[..Math.Min(60, words.Length)]}…' is not in the PDF after position {at}");
            at = found + words.Length;
        }
        Assert.Contains("Substantial", text, StringComparison.Ordinal);
        Assert.Contains("Not started", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_spreadsheet_has_one_row_per_commitment_with_its_status()
    {
        var data = await DataAsync();
        using var response = await GetAsync("asOf=2017-01-10&format=xlsx");
        await TestApi.EnsureStatusAsync(response, HttpStatusCode.OK);
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.GetValues("Content-Disposition").First(), StringComparison.Ordinal);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        var expected = Commitments(data).ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected, rows.ToDictionary(r => (string)r["commitment"]!, r => (string?)r["status"]));
    }

    [Theory]
    [InlineData("fr", "Rapport d'avancement", "Substantiel")]
    [InlineData("es", "Informe de avance", "Sustancial")]
    public async Task Another_language_changes_the_labels_and_not_the_partners_text(string lang, string heading, string status)
    {
        using var response = await GetAsync($"asOf=2017-01-10&format=md&lang={lang}");
        var markdown = await response.Content.ReadAsStringAsync();
        using var english = await GetAsync("asOf=2017-01-10&format=md&lang=en");
        var englishMarkdown = await english.Content.ReadAsStringAsync();

        Assert.Equal(lang, response.Content.Headers.ContentLanguage.Single());
        Assert.Contains(heading, markdown, StringComparison.Ordinal);
        Assert.Contains(status, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Progress report", markdown, StringComparison.Ordinal);
        foreach (var commitment in Commitments(await DataAsync()))
        {
            var firstWords = string.Join(' ', commitment.GetProperty("text").GetString()!.Split(' ').Take(4));
            Assert.Equal(englishMarkdown.Contains(firstWords, StringComparison.Ordinal), markdown.Contains(firstWords, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Accept_headers_choose_the_format_and_accept_language_the_labels()
    {
        using var client = host.Coordinator();
        using var request = new HttpRequestMessage(HttpMethod.Get, host.SessionReportUri("asOf=2017-01-10"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("es-ES"));
        using var response = await client.SendAsync(request);

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF", Encoding.ASCII.GetString((await response.Content.ReadAsByteArrayAsync())[..4]));
        Assert.Equal("es", response.Content.Headers.ContentLanguage.Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("format=docx", "format")]
    [InlineData("lang=de", "lang")]
    [InlineData("asOf=2017-13-01", "asOf")]
    public async Task A_bad_parameter_is_a_problem_naming_it(string query, string field)
    {
        using var response = await GetAsync(query);
        var problem = await TestApi.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, TestApi.ErrorFields(problem));
    }

    [Fact]
    public async Task A_key_that_does_not_reach_the_session_gets_not_found_for_every_report()
    {
        using var outsider = host.As(host.OutsiderKey);
        using var member = host.As(host.TmpMemberKey);

        foreach (var (client, uri) in new[]
                 {
                     (outsider, host.SessionReportUri("format=html")),
                     (outsider, $"api/tenants/{host.Scope.Forum.Id}/reviews/2017"),
                     (outsider, $"api/tenants/{host.Scope.Forum.Id}/overview?format=pdf"),
                     // tmp owns a commitment of the session, but the session is its forum's: not its report to read.
                     (member, host.SessionReportUri("format=md")),
                     (member, $"api/tenants/{host.Scope.Forum.Id}/overview"),
                 })
        {
            using var response = await client.GetAsync(uri);
            await TestApi.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
