using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Network.Documents.Spreadsheets;

namespace Network.Host.Api.Http;

/// <summary>
/// How the OpenAPI document describes spreadsheets, which Produces() and Accepts() cannot say: a 200 that is JSON or
/// an XLSX download, and a body that is an XLSX or a CSV file (Accepts() would also make routing refuse other types
/// with a bare 415 that cannot name them; <see cref="SpreadsheetBody"/> refuses them itself, naming both).
/// </summary>
public static class SpreadsheetOpenApi
{
    private static OpenApiMediaType Bytes() => new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };

    public static Task AlsoAnswersXlsx(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[XlsxReportWriter.XlsxMediaType] = Bytes();
        }
        return Task.CompletedTask;
    }

    public static Task TakesProgressSheet(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The progress sheet: an XLSX workbook, or a CSV file in UTF-8 (comma or semicolon). At most 5 MB.",
            Content = SpreadsheetBody.AcceptedTypes.ToDictionary(type => type, _ => Bytes()),
        };
        return Task.CompletedTask;
    }
}
