using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using MiniExcelLibs;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Contracts.Tenants;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Commitments.Spreadsheets;

/// <summary>
/// A forum with the GFMD 2016 session C report imported (4 commitments; TMP owns the first, ICI the second), and
/// what the spreadsheet tests send and read: XLSX files built with MiniExcel, CSV text, the commitments as they are.
/// </summary>
internal sealed record SheetForum(InProcessHostFixture Host, ForumScope Scope, IReadOnlyList<string> Ids, CreatedApiKeyResource Coordinator)
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public string Forum => Scope.Forum.Id;

    public static async Task<SheetForum> CreateAsync(InProcessHostFixture host)
    {
        using var root = host.Root();
        var scope = await ForumScope.CreateAsync(root);
        using var importer = host.As(scope.CoordinatorKey);
        using var response = await importer.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.Created);
        var import = (await response.Content.ReadFromJsonAsync<ImportResultResource>())!;
        // A key of its own, so the history's "By" can be told apart from the importer's.
        var coordinator = await root.IssueKeyAsync(scope.Forum.Id, "coordinator", "progress sheets");
        return new SheetForum(host, scope, import.CommitmentIds, coordinator);
    }

    public HttpClient AsCoordinator() => Host.As(Coordinator.Key);

    public async Task<CommitmentResource> CommitmentAsync(string id)
    {
        using var client = Host.As(Scope.CoordinatorKey);
        return (await client.GetFromJsonAsync<CommitmentResource>($"api/tenants/{Forum}/commitments/{id}"))!;
    }

    public async Task<IReadOnlyList<int>> HistoryLengthsAsync()
    {
        var lengths = new List<int>();
        foreach (var id in Ids)
        {
            lengths.Add((int)(await CommitmentAsync(id)).HistoryCount);
        }
        return lengths;
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string tenant, HttpContent file, bool dryRun = false) =>
        client.PostAsync(new Uri($"api/tenants/{tenant}/commitments:progress-import{(dryRun ? "?dryRun=true" : "")}", UriKind.Relative), file);

    /// <summary>An XLSX body whose first row is <paramref name="header"/> and then <paramref name="rows"/>, as a spreadsheet program saves it.</summary>
    public static ByteArrayContent Xlsx(string[] header, params object?[][] rows)
    {
        var sheet = rows.Select(row => header.Select((title, i) => (title, value: row[i])).ToDictionary(c => c.title, c => c.value)).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet);
        return XlsxContent(stream.ToArray());
    }

    public static ByteArrayContent XlsxContent(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        return content;
    }

    public static StringContent Csv(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("text/csv"));

    /// <summary>An XLSX answer read back: the header row, then each row by column title.</summary>
    public static async Task<(IReadOnlyList<string> Header, IReadOnlyList<IDictionary<string, object?>> Rows)> ReadXlsxAsync(HttpResponseMessage response)
    {
        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.OK);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var header = ((IDictionary<string, object?>)MiniExcel.Query(stream, useHeaderRow: false).First()).Values.Select(v => (string)v!).ToList();
        stream.Position = 0;
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        return (header, rows);
    }
}
