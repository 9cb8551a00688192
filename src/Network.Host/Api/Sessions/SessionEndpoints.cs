using System.Globalization;
using System.Text;
using Network.Contracts.Sessions;
using Network.Domain.Sessions;
using Network.Host.Api.Http;

namespace Network.Host.Api.Sessions;

/// <summary>Sessions: import a report (as text or structured JSON) and export one.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/tenants/{tenant}").WithTags("Sessions").RequireApiKey();

        sessions.MapPost("sessions:import", ImportTextAsync)
            .WithBodyLimit(api => api.MaxSessionImportBytes, "A session report (Api:MaxSessionImportBytes)")
            .WithName("ImportSessionReport")
            .WithSummary("Imports a session report (GFMD session-letter text) as a session and its commitments. Coordinators only.")
            .WithDescription("?date=2016-12-09 gives the session date (else it is inferred); ?dryRun=true answers the same without saving. " +
                             "Importing the same report again returns the same ids and creates nothing. Text that is not such a report gets 422 naming the sections.")
            .Accepts<string>("text/plain")
            .Produces<ImportResultResource>(StatusCodes.Status201Created)
            .Produces<ImportResultResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        sessions.MapPost("sessions", ImportDocumentAsync)
            .WithBodyLimit(api => api.MaxSessionImportBytes, "A session document (Api:MaxSessionImportBytes)")
            .WithName("ImportSessionDocument")
            .WithSummary("Imports a session in structured form (as exported by GET .../sessions/{id}). Coordinators only.")
            .Accepts<SessionResource>("application/json")
            .Produces<ImportResultResource>(StatusCodes.Status201Created)
            .Produces<ImportResultResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        sessions.MapGet("sessions/{id}", GetAsync)
            .WithName("GetSession")
            .WithSummary("Exports a session, with its commitments, in structured form.")
            .Produces<SessionResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> ImportTextAsync(
        string tenant, string? date, string? dryRun, HttpContext http, SessionService sessions, CancellationToken cancellationToken)
    {
        var sessionDate = QueryValues.Date(date, "date");
        var isDryRun = QueryValues.Flag(dryRun, "dryRun");
        var text = await ReadTextAsync(http.Request, cancellationToken);
        return Answer(await sessions.ImportTextAsync(tenant, text, sessionDate, isDryRun, cancellationToken));
    }

    private static async Task<IResult> ImportDocumentAsync(
        string tenant, string? dryRun, HttpContext http, SessionService sessions, CancellationToken cancellationToken)
    {
        var document = await JsonBody.ReadAsync<SessionResource>(http.Request, cancellationToken);
        var isDryRun = QueryValues.Flag(dryRun, "dryRun");
        return Answer(await sessions.ImportDocumentAsync(tenant, document, isDryRun, cancellationToken));
    }

    private static async Task<IResult> GetAsync(string tenant, string id, SessionService sessions) =>
        Results.Ok(await sessions.GetAsync(tenant, id));

    /// <summary>201 with the session's address when the import created it; 200 for a dry run or a repeat.</summary>
    private static IResult Answer(SessionImportOutcome outcome) =>
        outcome.Created ? Results.Created(outcome.Location, outcome.Result) : Results.Ok(outcome.Result);

    private static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "The body must be plain text.",
                $"Content-Type '{request.ContentType ?? "(none)"}' is not accepted; send the report as 'text/plain; charset=utf-8'.", "Content-Type");
        }
        using var reader = new StreamReader(request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException e)
        {
            throw ApiProblemException.BadRequest("$", $"The body is not valid UTF-8 (at byte {e.Index.ToString(CultureInfo.InvariantCulture)}).");
        }
    }
}
