using Microsoft.Net.Http.Headers;
using Network.Documents.Labels;
using Network.Documents.Writers;
using Network.Host.Api.Http;

namespace Network.Host.Api.Reports;

/// <summary>
/// What a report request asks for: the format (<c>?format=</c>, else the most preferred <c>Accept</c> type a format
/// has, else HTML) and the labels' language (<c>?lang=</c>, else <c>Accept-Language</c>, else English). A format or
/// language there is none of is a 400 naming the parameter.
/// </summary>
public sealed record ReportRequest(string Format, ReportLabels Labels)
{
    public static ReportRequest From(HttpRequest request, string? format, string? lang, ReportWriters writers)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(writers);
        var chosenFormat = ChooseFormat(format, request.Headers.Accept.ToString(), writers)
            ?? throw ApiProblemException.BadRequest("format", $"'{format}' is not a report format: use one of {string.Join(", ", writers.Formats)}.");
        var language = ReportLabels.Choose(lang, request.Headers.AcceptLanguage.ToString())
            ?? throw ApiProblemException.BadRequest("lang", $"'{lang}' is not a language the reports are written in: use one of {string.Join(", ", ReportLabels.Languages)}.");
        return new ReportRequest(chosenFormat, new ReportLabels(language));
    }

    private static string? ChooseFormat(string? format, string accept, ReportWriters writers)
    {
        if (!string.IsNullOrWhiteSpace(format))
        {
            var wanted = format.Trim().ToLowerInvariant();
            return writers.Formats.Contains(wanted) ? wanted : null;
        }
        if (MediaTypeHeaderValue.TryParseList(accept.Split(','), out var types))
        {
            foreach (var type in types.Where(t => (t.Quality ?? 1) > 0).OrderByDescending(t => t.Quality ?? 1))
            {
                if (writers.FormatFor(type.MediaType.ToString()) is { } known)
                {
                    return known;
                }
            }
        }
        return ReportWriters.DefaultFormat;
    }
}
