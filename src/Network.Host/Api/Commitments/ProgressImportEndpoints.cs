using Network.Contracts.Commitments;
using Network.Domain.Commitments.ProgressImport;
using Network.Host.Api.Http;

namespace Network.Host.Api.Commitments;

/// <summary>
/// Progress reported as a spreadsheet (XLSX or CSV): one row per commitment with its status, and a note and evidence
/// link if any. Every row is checked first; a file with any bad cell saves nothing and gets 422 naming each cell.
/// </summary>
public static class ProgressImportEndpoints
{
    public static IEndpointRouteBuilder MapProgressImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tenants/{tenant}/commitments:progress-import", ImportAsync).WithTags("Commitments").RequireApiKeyOn()
            .WithName("ImportProgress")
            .WithSummary("Records progress from a spreadsheet, one row per commitment, as the progress endpoint records it; all rows or none.")
            .WithDescription("Body: XLSX (first worksheet) or UTF-8 CSV (comma or semicolon), at most 5 MB and 5,000 filled rows. The first filled row is the header: " +
                             "commitment (engagement, compromiso) and status (statut, estado) are required, note (nota) and evidence (preuve, justificatif, evidencia, prueba) optional, " +
                             "in any order, any case, accents aside; other columns are ignored. Statuses are the wire codes. ?dryRun=true answers each row's outcome " +
                             "(would-apply, unchanged, refused with its problems) and saves nothing. Otherwise any bad cell is 422 listing every one by row and column, and nothing is saved; " +
                             "else each row is applied once: a row with identical content is the same report, so uploading the same file again changes nothing (unchanged), " +
                             "as does a row repeating the current status with no note or evidence.")
            // Described here rather than with Accepts(), which would make routing refuse other types with a bare
            // 415 that cannot say which types this endpoint takes; SpreadsheetBody refuses them naming both.
            .AddOpenApiOperationTransformer(SpreadsheetOpenApi.TakesProgressSheet)
            .Produces<ProgressImportResultResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<IResult> ImportAsync(
        string tenant, string? dryRun, HttpContext http, ProgressImportService imports, CancellationToken cancellationToken)
    {
        var isDryRun = QueryValues.Flag(dryRun, "dryRun");
        var sheet = await SpreadsheetBody.ReadProgressSheetAsync(http.Request, cancellationToken);
        return Results.Ok(await imports.ImportAsync(tenant, sheet, isDryRun, http.Request.ContentLength ?? 0, cancellationToken));
    }
}
