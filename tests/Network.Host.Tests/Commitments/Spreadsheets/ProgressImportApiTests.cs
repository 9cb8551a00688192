using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Contracts.Commitments;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Commitments.Spreadsheets;

/// <summary>
/// Progress as a spreadsheet through <c>POST …/commitments:progress-import</c>: checked as a whole, applied once per
/// row content as the uploading key, refused cell by cell, and never across tenants.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class ProgressImportApiTests(InProcessHostFixture host)
{
    private static readonly string[] Columns = ["commitment", "status", "note", "evidence"];

    private static async Task<ProgressImportResultResource> ResultAsync(HttpResponseMessage response)
    {
        await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<ProgressImportResultResource>())!;
    }

    [Fact]
    public async Task A_file_with_one_bad_cell_is_422_naming_its_row_and_column_and_changes_nothing()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        var before = await forum.HistoryLengthsAsync();
        using var file = SheetForum.Xlsx(Columns,
            [forum.Ids[0], "limited", "Materials drafted", "https://example.org/a"],
            [forum.Ids[1], "done", null, null],
            [forum.Ids[2], "Substantial", null, null]);

        using var response = await SheetForum.UploadAsync(coordinator, forum.Forum, file);

        var problem = await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["row 3, column B (status)"], Infrastructure.Api.ErrorFields(problem));
        Assert.Contains("'done' is not a commitment status", problem.GetProperty("errors").GetProperty("row 3, column B (status)")[0].GetString(), StringComparison.Ordinal);
        var cell = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Equal((3, "B", "status", "status"), (cell.GetProperty("row").GetInt32(), cell.GetProperty("column").GetString(),
            cell.GetProperty("header").GetString(), cell.GetProperty("field").GetString()));
        Assert.Equal(before, await forum.HistoryLengthsAsync());
    }

    [Fact]
    public async Task Every_bad_cell_is_named_a_second_row_for_a_commitment_included_and_nothing_is_saved()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        var before = await forum.HistoryLengthsAsync();
        using var file = SheetForum.Csv(
            "status,evidence,commitment,note\n" +
            $"limited,not a link,{forum.Ids[0]},\n" +
            $",,{forum.Ids[1]},\n" +
            $"complete,,{forum.Ids[0]},again\n" +
            $"complete,,,{new string('x', 4001)}\n");

        using var response = await SheetForum.UploadAsync(coordinator, forum.Forum, file);

        var problem = await Infrastructure.Api.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(
            ["row 2, column B (evidence)", "row 3, column A (status)", "row 4, column C (commitment)", "row 5, column C (commitment)", "row 5, column D (note)"],
            Infrastructure.Api.ErrorFields(problem).Order(StringComparer.Ordinal));
        Assert.Contains("already in row 2", problem.GetProperty("errors").GetProperty("row 4, column C (commitment)")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await forum.HistoryLengthsAsync());
    }

    [Fact]
    public async Task A_good_file_applies_once_as_the_uploading_key_and_the_same_file_again_changes_nothing()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        var before = await forum.HistoryLengthsAsync();
        byte[] file;
        using (var content = SheetForum.Xlsx(Columns,
                   [forum.Ids[0], "limited", "Materials drafted", "https://example.org/a"],
                   [forum.Ids[1], "STALLED", null, null]))
        {
            file = await content.ReadAsByteArrayAsync();
        }

        using var first = SheetForum.XlsxContent(file);
        var applied = await ResultAsync(await SheetForum.UploadAsync(coordinator, forum.Forum, first));

        Assert.Equal((false, 2, 0), (applied.DryRun, applied.Applied, applied.Unchanged));
        Assert.Equal([(2, forum.Ids[0], "limited", "applied"), (3, forum.Ids[1], "stalled", "applied")],
            applied.Rows.Select(r => (r.Row, r.Commitment, r.Status, r.Outcome)));
        var after = await forum.HistoryLengthsAsync();
        Assert.Equal([before[0] + 1, before[1] + 1, before[2], before[3]], after);
        var entry = (await forum.CommitmentAsync(forum.Ids[0])).History[^1];
        Assert.Equal(("progress", "limited", "Materials drafted", "https://example.org/a"), (entry.Kind, entry.Status, entry.Note, entry.EvidenceUrl));
        Assert.Equal($"{forum.Scope.Forum.Path} ({forum.Coordinator.Id})", entry.By);
        Assert.Equal("stalled", (await forum.CommitmentAsync(forum.Ids[1])).Status);

        using var again = SheetForum.XlsxContent(file);
        var repeated = await ResultAsync(await SheetForum.UploadAsync(coordinator, forum.Forum, again));

        Assert.Equal((0, 2), (repeated.Applied, repeated.Unchanged));
        Assert.All(repeated.Rows, r => Assert.Equal("unchanged", r.Outcome));
        Assert.Equal(after, await forum.HistoryLengthsAsync());
    }

    [Fact]
    public async Task A_csv_with_french_headers_and_semicolons_is_applied_by_an_owner()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var root = host.Root();
        var key = await root.IssueKeyAsync(forum.Scope.Tmp.Id, "member");
        using var tmpMember = host.As(key.Key);
        using var file = SheetForum.Csv(
            "\uFEFFRésumé;Engagement;Statut;Note;Justificatif\r\n" +
            $"Formation;{forum.Ids[0]};Substantial;\"Deux ateliers; rapport en ligne\";https://example.org/rapport\r\n");

        var result = await ResultAsync(await SheetForum.UploadAsync(tmpMember, forum.Scope.Tmp.Id, file));

        Assert.Equal("applied", Assert.Single(result.Rows).Outcome);
        var commitment = await forum.CommitmentAsync(forum.Ids[0]);
        var entry = commitment.History[^1];
        Assert.Equal(("substantial", "Deux ateliers; rapport en ligne", "https://example.org/rapport"), (entry.Status, entry.Note, entry.EvidenceUrl));
        Assert.Equal($"{forum.Scope.Tmp.Path} ({key.Id})", entry.By);
    }

    [Fact]
    public async Task A_commitment_out_of_the_keys_reach_is_not_found_for_its_row_as_one_that_does_not_exist()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var root = host.Root();
        var other = await ForumScope.CreateAsync(root);
        using var foreign = host.As(other.CoordinatorKey);
        var before = await forum.HistoryLengthsAsync();
        var missing = Infrastructure.Api.UniqueId("nowhere");

        // Another forum's coordinator, through its own tenant: the row naming this forum's commitment is "not found".
        using (var file = SheetForum.Xlsx(Columns, [forum.Ids[0], "complete", null, null], [missing, "complete", null, null]))
        {
            var dryRun = await ResultAsync(await SheetForum.UploadAsync(foreign, other.Forum.Id, file, dryRun: true));
            var messages = dryRun.Rows.Select(r => Assert.Single(r.Problems)).Select(p => (p.Location, p.Message)).ToList();
            Assert.Equal([("row 2, column A (commitment)", $"No commitment '{forum.Ids[0]}' is visible to this key."),
                          ("row 3, column A (commitment)", $"No commitment '{missing}' is visible to this key.")], messages);
        }
        using (var file = SheetForum.Xlsx(Columns, [forum.Ids[0], "complete", null, null]))
        {
            var problem = await Infrastructure.Api.AssertProblemAsync(await SheetForum.UploadAsync(foreign, other.Forum.Id, file), HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["row 2, column A (commitment)"], Infrastructure.Api.ErrorFields(problem));
        }
        // Through this forum's tenant, the foreign key gets the 404 of a tenant that does not exist.
        using (var file = SheetForum.Xlsx(Columns, [forum.Ids[0], "complete", null, null]))
        {
            await Infrastructure.Api.AssertProblemAsync(await SheetForum.UploadAsync(foreign, forum.Forum, file), HttpStatusCode.NotFound);
        }
        // ICI owns the second commitment, not the first: its member may not report on the first, which reads the same.
        using var iciMember = host.As((await root.IssueKeyAsync(forum.Scope.Ici.Id, "member")).Key);
        using (var file = SheetForum.Xlsx(Columns, [forum.Ids[0], "complete", null, null]))
        {
            var refused = await ResultAsync(await SheetForum.UploadAsync(iciMember, forum.Scope.Ici.Id, file, dryRun: true));
            Assert.Equal($"No commitment '{forum.Ids[0]}' is visible to this key.", Assert.Single(Assert.Single(refused.Rows).Problems).Message);
        }
        Assert.Equal(before, await forum.HistoryLengthsAsync());
    }

    [Fact]
    public async Task A_dry_run_answers_each_rows_outcome_and_saves_nothing()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        var before = await forum.HistoryLengthsAsync();
        var current = (await forum.CommitmentAsync(forum.Ids[3])).Status;
        using var file = SheetForum.Xlsx(Columns,
            [forum.Ids[0], "limited", null, null],
            [forum.Ids[1], "finished", null, null],
            // The status it has, with nothing to add: nothing to report.
            [forum.Ids[3], current, null, null]);

        var result = await ResultAsync(await SheetForum.UploadAsync(coordinator, forum.Forum, file, dryRun: true));

        Assert.Equal((true, 1, 1, 1, 0), (result.DryRun, result.WouldApply, result.Unchanged, result.Refused, result.Applied));
        Assert.Equal(["would-apply", "refused", "unchanged"], result.Rows.Select(r => r.Outcome));
        Assert.Equal("row 3, column B (status)", Assert.Single(result.Rows[1].Problems).Location);
        Assert.Equal(before, await forum.HistoryLengthsAsync());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("text/csv; charset=iso-8859-1")]
    public async Task A_wrong_content_type_is_415_naming_the_accepted_types(string contentType)
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        using var file = new StringContent($"commitment,status\n{forum.Ids[0]},limited\n");
        file.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var problem = await Infrastructure.Api.AssertProblemAsync(await SheetForum.UploadAsync(coordinator, forum.Forum, file), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(["Content-Type"], Infrastructure.Api.ErrorFields(problem));
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains(SheetForum.XlsxType, detail, StringComparison.Ordinal);
        Assert.Contains("text/csv", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_progress_sheet_is_422_saying_why()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();

        using (var notXlsx = SheetForum.XlsxContent("commitment,status\n"u8.ToArray()))
        {
            var problem = await Infrastructure.Api.AssertProblemAsync(await SheetForum.UploadAsync(coordinator, forum.Forum, notXlsx), HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["file"], Infrastructure.Api.ErrorFields(problem));
        }
        using (var noStatus = SheetForum.Xlsx(["Engagement", "Note"], [forum.Ids[0], "hello"]))
        {
            var problem = await Infrastructure.Api.AssertProblemAsync(await SheetForum.UploadAsync(coordinator, forum.Forum, noStatus), HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["header (row 1)"], Infrastructure.Api.ErrorFields(problem));
            Assert.Contains("status, statut, estado", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_file_over_five_megabytes_is_413()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/tenants/{forum.Forum}/commitments:progress-import")
        {
            Content = SheetForum.Csv("commitment,status,note\n" + new string('x', 5 * 1024 * 1024)),
        };
        // As a careful client sends a large body: the refusal comes before the body is sent, not as a broken pipe.
        request.Headers.ExpectContinue = true;

        var problem = await Infrastructure.Api.AssertProblemAsync(await coordinator.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("5 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_above_the_apis_usual_body_limit_but_within_five_megabytes_is_read()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        // 2 MB in a column the import ignores: more than the 1 MB other endpoints take.
        using var file = SheetForum.Csv($"commitment,status,summary\n{forum.Ids[0]},limited,{new string('x', 2 * 1024 * 1024)}\n");

        var result = await ResultAsync(await SheetForum.UploadAsync(coordinator, forum.Forum, file, dryRun: true));

        Assert.Equal("would-apply", Assert.Single(result.Rows).Outcome);
    }

    [Fact]
    public async Task Exported_then_edited_then_imported_the_list_shows_the_new_statuses()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        var before = await forum.HistoryLengthsAsync();
        using var export = await coordinator.GetAsync(new Uri($"api/tenants/{forum.Forum}/commitments?format=xlsx", UriKind.Relative));
        var (header, rows) = await SheetForum.ReadXlsxAsync(export);

        // Two statuses changed and a note added, as a coordinator would in the file; the rest left as exported.
        var edited = rows.Select(r => new Dictionary<string, object?>(r)).ToList();
        edited[0]["status"] = "complete";
        edited[0]["note"] = "Closed at the Berlin meeting";
        edited[2]["status"] = "withdrawn";
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, edited);
        using var file = SheetForum.XlsxContent(stream.ToArray());

        var result = await ResultAsync(await SheetForum.UploadAsync(coordinator, forum.Forum, file));

        Assert.Equal(["applied", "unchanged", "applied", "unchanged"], result.Rows.Select(r => r.Outcome));
        var listed = (await coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{forum.Forum}/commitments"))!;
        var expected = rows.Select((r, i) => ((string)r["commitment"]!, i == 0 ? "complete" : i == 2 ? "withdrawn" : (string)r["status"]!));
        Assert.Equal(expected, listed.Items.Select(c => (c.Id, c.Status)));
        Assert.Equal(before.Sum() + 2, (await forum.HistoryLengthsAsync()).Sum());
        Assert.Equal(12, header.Count);
    }

    [Fact]
    public async Task Problems_are_problem_json_with_the_rows_outcomes()
    {
        var forum = await SheetForum.CreateAsync(host);
        using var coordinator = forum.AsCoordinator();
        using var file = SheetForum.Xlsx(Columns, [forum.Ids[0], "limited", null, null], [forum.Ids[1], "nope", null, null]);

        var problem = await Infrastructure.Api.AssertProblemAsync(await SheetForum.UploadAsync(coordinator, forum.Forum, file), HttpStatusCode.UnprocessableEntity);

        var outcomes = problem.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["would-apply", "refused"], outcomes);
        Assert.Equal(JsonValueKind.String, problem.GetProperty("detail").ValueKind);
    }
}
