using Network.Contracts.Commitments;
using Network.Documents.Spreadsheets;
using Network.Domain.Commitments;
using Network.Domain.ReadModel;
using Network.Host.Api.Http;

namespace Network.Host.Api.Commitments;

/// <summary>
/// Commitments seen from a tenant: those it is home to or owns, across its subtree. Lists come from the read model;
/// one commitment comes from its grain, which checks the caller again.
/// </summary>
public static class CommitmentEndpoints
{
    public static IEndpointRouteBuilder MapCommitmentEndpoints(this IEndpointRouteBuilder app)
    {
        var commitments = app.MapGroup("/api/tenants/{tenant}/commitments").WithTags("Commitments").RequireApiKey();

        commitments.MapGet("", ListAsync)
            .WithName("ListCommitments")
            .WithSummary("Lists the commitments of the tenant's subtree (home or owner), filtered and paged; or exports every match as XLSX.")
            .WithDescription("Filters: status, period, owner (a tenant id), dueBefore (yyyy-MM-dd), session (a session id), search (text the id or summary contains, in any case). Paging: offset (default 0), limit (1-200, default 50). " +
                             "format=xlsx (or Accept: " + XlsxReportWriter.XlsxMediaType + ") answers every matching commitment, not a page, as a spreadsheet " +
                             "(commitment, status, note, evidence, home tenant, session, period, ordinal, summary, due, owners, updated in UTC) that the progress import reads back; " +
                             "at most 10,000 rows (422 above). format=json or none: JSON.")
            .Produces<CommitmentPage>()
            .AddOpenApiOperationTransformer(SpreadsheetOpenApi.AlsoAnswersXlsx)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        commitments.MapGet("{id}", GetAsync)
            .WithName("GetCommitment")
            .WithSummary("One commitment with the latest of its history (at most 50 entries; historyCount says how many in all).")
            .Produces<CommitmentResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        commitments.MapGet("{id}/history", HistoryAsync)
            .WithName("GetCommitmentHistory")
            .WithSummary("The commitment's history, oldest first: every import, progress update, change of owners and expression of interest.")
            .WithDescription("The whole history by default. Paging: after (an entry's seq; entries after it) and limit (1-1000, default 1000) give one page; each entry carries its seq.")
            .Produces<IReadOnlyList<HistoryEntryResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        commitments.MapPost("{id}/progress", ReportProgressAsync)
            .WithName("ReportProgress")
            .WithSummary("Records progress: an owner's member key or a coordinator above an owner or the home tenant.")
            .Accepts<ReportProgressRequest>("application/json")
            .Produces<CommitmentResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        commitments.MapPut("{id}/owners", AssignOwnersAsync)
            .WithName("AssignOwners")
            .WithSummary("Replaces the owners with the given tenants; coordinators over the home tenant. Recorded in the history.")
            .Accepts<AssignOwnersRequest>("application/json")
            .Produces<CommitmentResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> ListAsync(
        string tenant, string? status, string? period, string? owner, string? dueBefore, string? session, string? search, string? offset, string? limit,
        string? format, HttpRequest request, CommitmentService commitments, TimeProvider clock, CancellationToken cancellationToken)
    {
        var asSheet = ListFormat.IsXlsx(format, request);
        var filter = new CommitmentFilter(
            status,
            QueryValues.WholeNumber(period, "period", 1, CommitmentService.MaxPeriod),
            owner,
            QueryValues.Date(dueBefore, "dueBefore"),
            session,
            QueryValues.WholeNumber(offset, "offset", 0, int.MaxValue) ?? 0,
            QueryValues.WholeNumber(limit, "limit", 1, ListPaging.MaxLimit) ?? ListPaging.DefaultLimit,
            search);
        if (asSheet)
        {
            // Every match, not a page: the offset and limit (checked above) do not apply to a download.
            var all = await commitments.ListAllAsync(tenant, filter, cancellationToken);
            return Results.File(CommitmentSpreadsheet.Xlsx(all), XlsxReportWriter.XlsxMediaType, CommitmentSpreadsheet.FileName(tenant, clock.GetUtcNow()));
        }
        return Results.Ok(await commitments.ListAsync(tenant, filter, cancellationToken));
    }

    private static async Task<IResult> HistoryAsync(
        string tenant, string id, string? after, string? limit, CommitmentService commitments, CancellationToken cancellationToken) =>
        Results.Ok(await commitments.HistoryAsync(tenant, id,
            QueryValues.WholeNumber(after, "after", 0, int.MaxValue),
            QueryValues.WholeNumber(limit, "limit", 1, CommitmentHistoryWindow.MaxPage), cancellationToken));

    private static async Task<IResult> GetAsync(string tenant, string id, CommitmentService commitments, CancellationToken cancellationToken) =>
        Results.Ok(await commitments.GetAsync(tenant, id, cancellationToken));

    private static async Task<IResult> ReportProgressAsync(
        string tenant, string id, HttpContext http, CommitmentService commitments, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<ReportProgressRequest>(http.Request, cancellationToken);
        return Results.Ok(await commitments.ReportProgressAsync(tenant, id, request, cancellationToken));
    }

    private static async Task<IResult> AssignOwnersAsync(
        string tenant, string id, HttpContext http, CommitmentService commitments, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<AssignOwnersRequest>(http.Request, cancellationToken);
        return Results.Ok(await commitments.AssignOwnersAsync(tenant, id, request, cancellationToken));
    }
}
