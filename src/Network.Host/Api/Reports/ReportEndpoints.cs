using Network.Documents.Composition;
using Network.Documents.Writers;
using Network.Domain.Reporting;
using Network.Host.Api.Http;

namespace Network.Host.Api.Reports;

/// <summary>
/// The reports of a tenant's subtree: a session's progress report (as it stood on a day), the year-end review and the
/// chair's overview, each as HTML, Markdown, PDF, XLSX or its data as JSON, with labels in English, French or Spanish.
/// </summary>
public static class ReportEndpoints
{
    private const string FormatHelp =
        "?format=html|md|pdf|xlsx|json (else the Accept header; HTML by default); ?lang=en|fr|es (else Accept-Language; English by default).";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/tenants/{tenant}").WithTags("Reports").RequireApiKey();

        tenants.MapGet("sessions/{id}/report", SessionReportAsync)
            .WithName("GetSessionReport")
            .WithSummary("A session's progress report: the letter's periods and commitments with where each stood, the priority messages, the reflections and a summary.")
            .WithDescription("?asOf=2017-06-01 shows the session as it stood at the end of that day, rebuilt from the history (default: now). " + FormatHelp)
            .Produces<SessionProgressReport>(contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tenants.MapGet("reviews/{year}", YearEndReviewAsync)
            .WithName("GetYearEndReview")
            .WithSummary("The year-end review: every commitment of the subtree due that year, its final status from the coordinator's review, the path it took, and an accountability table per owner.")
            .WithDescription(FormatHelp)
            .Produces<YearEndReview>(contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tenants.MapGet("overview", OverviewAsync)
            .WithName("GetNetworkOverview")
            .WithSummary("The chair's overview: every session of the subtree side by side with its counts by status, the longest-silent commitments, the open escalations.")
            .WithDescription(FormatHelp)
            .Produces<NetworkOverview>(contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> SessionReportAsync(
        string tenant, string id, string? asOf, string? format, string? lang, HttpContext http, ReportService reports, ReportWriters writers)
    {
        var request = ReportRequest.From(http.Request, format, lang, writers);
        var day = QueryValues.Date(asOf, "asOf");
        var report = await reports.SessionReportAsync(tenant, id, day, http.RequestAborted);
        return ReportResults.Write(request, report, r => SessionReportComposer.Compose(r, request.Labels), writers, http.Response);
    }

    private static async Task<IResult> YearEndReviewAsync(
        string tenant, string year, string? format, string? lang, HttpContext http, ReportService reports, ReportWriters writers)
    {
        var request = ReportRequest.From(http.Request, format, lang, writers);
        var reviewYear = QueryValues.WholeNumber(year, "year", ReportService.FirstYear, ReportService.LastYear)!.Value;
        var review = await reports.YearEndReviewAsync(tenant, reviewYear, http.RequestAborted);
        return ReportResults.Write(request, review, r => YearEndReviewComposer.Compose(r, request.Labels), writers, http.Response);
    }

    private static async Task<IResult> OverviewAsync(
        string tenant, string? format, string? lang, HttpContext http, ReportService reports, ReportWriters writers)
    {
        var request = ReportRequest.From(http.Request, format, lang, writers);
        var overview = await reports.OverviewAsync(tenant, http.RequestAborted);
        return ReportResults.Write(request, overview, o => NetworkOverviewComposer.Compose(o, request.Labels), writers, http.Response);
    }
}
