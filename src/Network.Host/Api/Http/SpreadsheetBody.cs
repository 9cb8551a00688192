using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Network.Documents.Spreadsheets;
using Network.Domain.Commitments.ProgressImport;

namespace Network.Host.Api.Http;

/// <summary>
/// Reads a request body that is a progress sheet: XLSX or UTF-8 CSV by its Content-Type (415 otherwise), at most
/// <see cref="ProgressImportLimits.MaxFileBytes"/> (413; above the API's usual body limit, for this endpoint only),
/// parsed by <see cref="ProgressSheetReader"/> (422 when it cannot be read as one).
/// </summary>
public static class SpreadsheetBody
{
    public static IReadOnlyList<string> AcceptedTypes { get; } = [XlsxReportWriter.XlsxMediaType, ProgressSheetReader.CsvMediaType];

    public static async Task<ProgressImportSheet> ReadProgressSheetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var isXlsx = IsXlsx(request.ContentType);
        if (request.ContentLength > ProgressImportLimits.MaxFileBytes)
        {
            throw TooLarge($"The file is {request.ContentLength.Value.ToString("N0", CultureInfo.InvariantCulture)} bytes");
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ProgressImportLimits.MaxFileBytes;
        }
        using var body = await ReadCappedAsync(request.Body, cancellationToken);
        return isXlsx ? ProgressSheetReader.ReadXlsx(body) : ProgressSheetReader.ReadCsv(body);
    }

    /// <summary>True for XLSX, false for CSV; anything else (or a CSV in another charset) is 415 naming what is accepted.</summary>
    private static bool IsXlsx(string? contentType)
    {
        if (MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            if (type.MediaType.Equals(XlsxReportWriter.XlsxMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
            if (type.MediaType.Equals(ProgressSheetReader.CsvMediaType, StringComparison.OrdinalIgnoreCase)
                && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }
        throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "The body must be an XLSX workbook or a CSV file.",
            $"Content-Type '{contentType ?? "(none)"}' is not accepted; send '{AcceptedTypes[0]}' or '{AcceptedTypes[1]}' (UTF-8).", "Content-Type");
    }

    /// <summary>The whole body in memory (the readers need to seek), refused as soon as it passes the limit.</summary>
    private static async Task<MemoryStream> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > ProgressImportLimits.MaxFileBytes)
            {
                await copy.DisposeAsync();
                throw TooLarge("The file is larger");
            }
            copy.Write(buffer, 0, read);
        }
        copy.Position = 0;
        return copy;
    }

    private static ApiProblemException TooLarge(string what) => new(StatusCodes.Status413PayloadTooLarge, "The body is too large.",
        string.Create(CultureInfo.InvariantCulture,
            $"{what}; at most {ProgressImportLimits.MaxFileBytes / (1024 * 1024)} MB ({ProgressImportLimits.MaxFileBytes:N0} bytes) are accepted. Split the file."),
        "body");
}
