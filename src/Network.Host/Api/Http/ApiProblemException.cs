namespace Network.Host.Api.Http;

/// <summary>A request the API refuses before reaching any grain; becomes problem+json with this status.</summary>
public sealed class ApiProblemException(int status, string title, string detail, string? field = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;

    /// <summary>Where the problem is: a JSON path into the body, a route or query parameter, or a header.</summary>
    public string? Field { get; } = field;

    public static ApiProblemException BadRequest(string field, string detail) =>
        new(StatusCodes.Status400BadRequest, "The request is invalid.", detail, field);
}
