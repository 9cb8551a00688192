using Network.Documents.Layout;
using Network.Documents.Writers;

namespace Network.Host.Api.Reports;

/// <summary>Answers a report in the format asked for: its data as JSON, or the laid-out document written by that format's writer.</summary>
public static class ReportResults
{
    public static IResult Write<TReport>(ReportRequest request, TReport report, Func<TReport, ReportDocument> layOut, ReportWriters writers, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(layOut);
        ArgumentNullException.ThrowIfNull(writers);
        ArgumentNullException.ThrowIfNull(response);
        // Reports hold a tenant's data: never kept by a shared cache; the answer depends on these headers.
        response.Headers.CacheControl = "no-store";
        response.Headers.Vary = "Accept, Accept-Language";
        if (request.Format == ReportWriters.JsonFormat)
        {
            return Results.Ok(report);
        }
        var file = ReportFile.Write(layOut(report), writers.Find(request.Format)!);
        response.Headers.ContentDisposition = file.ContentDisposition;
        response.Headers.ContentLanguage = file.Language;
        return Results.File(file.Content, file.MediaType);
    }
}
