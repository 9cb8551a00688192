using Microsoft.Net.Http.Headers;
using Network.Documents.Spreadsheets;

namespace Network.Host.Api.Http;

/// <summary>
/// Which form a list is answered in: JSON (one page) or an XLSX download (every matching row). <c>?format=</c> wins;
/// without it, <c>Accept</c> asks for XLSX only when it ranks the XLSX type above JSON, so JSON stays the default.
/// </summary>
public static class ListFormat
{
    public const string Json = "json";
    public const string Xlsx = "xlsx";

    public static IReadOnlyList<string> Allowed { get; } = [Json, Xlsx];

    public static bool IsXlsx(string? format, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (QueryValues.OneOf(format, "format", Allowed) is { } chosen)
        {
            return chosen == Xlsx;
        }
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string mediaType) => accept
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1)
            .DefaultIfEmpty(0)
            .Max();
        return Quality(XlsxReportWriter.XlsxMediaType) > Quality("application/json");
    }
}
