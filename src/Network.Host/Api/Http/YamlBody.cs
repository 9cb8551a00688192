using System.Text;

namespace Network.Host.Api.Http;

/// <summary>Reads a request body that is a YAML document (a workflow definition), refusing other content types.</summary>
public static class YamlBody
{
    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.ContentType ?? "";
        if (!(contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("application/yaml", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "The body must be YAML text.",
                $"Content-Type '{(contentType.Length == 0 ? "(none)" : contentType)}' is not accepted; send 'text/yaml'.", "Content-Type");
        }
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
