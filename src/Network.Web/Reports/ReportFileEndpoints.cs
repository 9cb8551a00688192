using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Network.Documents.Composition;
using Network.Documents.Labels;
using Network.Documents.Layout;
using Network.Documents.Writers;
using Network.Domain.Errors;
using Network.Domain.Reporting;
using Network.Domain.Tenancy;
using Network.Web.Session;

namespace Network.Web.Reports;

/// <summary>
/// The reports as files for the signed-in person: what the Reports page previews (HTML in a frame) and downloads.
/// The cookie's policy authenticates them, which re-checks the key on every request, and the domain's
/// <see cref="ReportService"/> decides what the caller sees, exactly as for the API's report endpoints; what is out
/// of reach goes to the same "not found" page as what does not exist.
/// </summary>
public static class ReportFileEndpoints
{
    public const string Prefix = "/reports/files";

    public static string SessionReport(string home, string sessionId, DateOnly? asOf, string format, string language) =>
        $"{Prefix}/session/{Uri.EscapeDataString(home)}/{Uri.EscapeDataString(sessionId)}?format={format}&lang={language}"
        + (asOf is { } day ? "&asOf=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "");

    public static string YearEndReview(string tenant, int year, string format, string language) =>
        $"{Prefix}/review/{Uri.EscapeDataString(tenant)}/{year.ToString(CultureInfo.InvariantCulture)}?format={format}&lang={language}";

    public static string Overview(string tenant, string format, string language) =>
        $"{Prefix}/overview/{Uri.EscapeDataString(tenant)}?format={format}&lang={language}";

    public static void MapReportFileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var files = endpoints.MapGroup(Prefix).RequireAuthorization(WebAuth.Policy).ExcludeFromDescription();
        files.MapGet("session/{home}/{id}", (HttpContext http, string home, string id, string? asOf, string? format, string? lang, ReportService reports, ReportWriters writers) =>
            !TryDay(asOf, out var day) ? Task.FromResult(Results.BadRequest())
            : SendAsync(http, format, lang, writers, async labels =>
                SessionReportComposer.Compose(await reports.SessionReportAsync(home, id, day, http.RequestAborted), labels)));
        files.MapGet("review/{tenant}/{year:int}", (HttpContext http, string tenant, int year, string? format, string? lang, ReportService reports, ReportWriters writers) =>
            SendAsync(http, format, lang, writers, async labels =>
                YearEndReviewComposer.Compose(await reports.YearEndReviewAsync(tenant, year, http.RequestAborted), labels)));
        files.MapGet("overview/{tenant}", (HttpContext http, string tenant, string? format, string? lang, ReportService reports, ReportWriters writers) =>
            SendAsync(http, format, lang, writers, async labels =>
                NetworkOverviewComposer.Compose(await reports.OverviewAsync(tenant, http.RequestAborted), labels)));
    }

    private static bool TryDay(string? asOf, out DateOnly? day)
    {
        day = null;
        if (asOf is null)
        {
            return true;
        }
        if (DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }
        return false;
    }

    private static async Task<IResult> SendAsync(
        HttpContext http, string? format, string? lang, ReportWriters writers, Func<ReportLabels, Task<ReportDocument>> compose)
    {
        var writer = writers.Find(format ?? ReportWriters.DefaultFormat);
        var language = ReportLabels.Choose(lang, http.Request.Headers.AcceptLanguage.ToString());
        if (writer is null || language is null || WebCallerClaims.Read(http.User) is not { } signedIn)
        {
            return Results.BadRequest();
        }
        ReportFile file;
        try
        {
            // The caller is entered before the report is asked for: the domain reads it when the call starts.
            using (TenantCallContext.Enter(signedIn.Caller))
            {
                file = ReportFile.Write(await compose(new ReportLabels(language)), writer);
            }
        }
        catch (Exception e) when (e is DomainNotFoundException or TenantAccessDeniedException)
        {
            return Results.Redirect(WebPaths.NotFound);
        }
        catch (DomainValidationException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is invalid.", detail: e.Message);
        }
        http.Response.Headers.ContentDisposition = file.ContentDisposition;
        http.Response.Headers.ContentLanguage = file.Language;
        return Results.File(file.Content, file.MediaType);
    }
}
