using System.Text.Json;

namespace Network.Host.Api.Http;

/// <summary>
/// Reads a JSON request body strictly and says exactly where it went wrong. Minimal APIs' own binding answers a
/// malformed body with a bare 400; a client deserves the line, the column and the field.
/// </summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.",
                $"Content-Type '{request.ContentType ?? "(none)"}' is not accepted; send 'application/json'.", "Content-Type");
        }
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, ApiJson.Strict, cancellationToken)
                ?? throw ApiProblemException.BadRequest("$", "The body is JSON null; an object is expected.");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            var position = e.LineNumber is { } line
                ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})"
                : "";
            throw ApiProblemException.BadRequest(where, $"The body is not a valid {typeof(T).Name}{position}: {FirstSentence(e.Message)}");
        }
    }

    // System.Text.Json appends "Path: $.x | LineNumber: 0 | BytePositionInLine: 5." which we already report better.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
