using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Network.Host.Api.Http;

/// <summary>
/// Bodies for the refusals the framework makes before any endpoint runs (no such route, wrong method, a body
/// that is not JSON), so they too are problem+json saying what was wrong and where.
/// </summary>
public static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var problem = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ProblemMapping.NotFound(http.Request.Path),
            StatusCodes.Status405MethodNotAllowed => Problem(405, "The method is not allowed here.",
                $"'{http.Request.Method}' is not allowed on '{http.Request.Path}'.", "method"),
            StatusCodes.Status415UnsupportedMediaType => Problem(415, "The body must be JSON.",
                $"Content-Type '{http.Request.ContentType ?? "(none)"}' is not accepted; send 'application/json'.", "Content-Type"),
            var status => new ProblemDetails { Status = status },
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    private static ProblemDetails Problem(int status, string title, string detail, string field) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } },
    };
}
