using Network.Documents.Spreadsheets;
using Network.Domain.Commitments;
using Network.Domain.Tenancy;
using Network.Web.Session;

namespace Network.Web.Commitments;

/// <summary>
/// The signed-in tenant's commitments as the XLSX the progress import reads back: a plain link on the progress import
/// page, so the browser downloads it (a file that size does not belong in the circuit). Served to the web session only
/// (its policy checks the key again on each request, as for pages); the list comes from the domain with the session's
/// caller entered, exactly as the API's <c>?format=xlsx</c>.
/// </summary>
public static class ProgressSheetDownload
{
    public const string Path = "/commitments/progress-import.xlsx";

    public static void MapProgressSheetDownload(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, DownloadAsync).RequireAuthorization(WebAuth.Policy).ExcludeFromDescription();

    private static async Task<IResult> DownloadAsync(HttpContext context, CommitmentService commitments, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (WebCallerClaims.Read(context.User) is not { } signedIn)
        {
            return Results.Challenge(authenticationSchemes: [WebAuth.Scheme]);
        }
        var tenantId = signedIn.Caller.Tenant!.Value.TenantId;
        using var _ = TenantCallContext.Enter(signedIn.Caller);
        try
        {
            var all = await commitments.ListAllAsync(tenantId, new CommitmentFilter(), cancellationToken);
            return Results.File(CommitmentSpreadsheet.Xlsx(all), XlsxReportWriter.XlsxMediaType, CommitmentSpreadsheet.FileName(tenantId, clock.GetUtcNow()));
        }
        catch (CommitmentExportTooLargeException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The export is too large.", detail: e.Message);
        }
    }
}
