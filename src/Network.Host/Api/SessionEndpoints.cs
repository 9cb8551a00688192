using System.Globalization;
using System.Text;
using Network.Contracts.Sessions;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.Reports;
using Network.Domain.Sessions;
using Network.Domain.Tenancy;
using Network.Host.Api.Auth;

namespace Network.Host.Api;

/// <summary>Sessions: import a report (as text or structured JSON) and export one.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/tenants/{tenant}").WithTags("Sessions").RequireApiKey();

        sessions.MapPost("sessions:import", ImportTextAsync)
            .WithName("ImportSessionReport")
            .WithSummary("Imports a session report (GFMD session-letter text) as a session and its commitments. Coordinators only.")
            .WithDescription("?date=2016-12-09 gives the session date (else it is inferred); ?dryRun=true answers the same without saving. " +
                             "Importing the same report again returns the same ids and creates nothing. Text that is not such a report gets 422 naming the sections.")
            .Accepts<string>("text/plain")
            .Produces<ImportResultDocument>(StatusCodes.Status201Created)
            .Produces<ImportResultDocument>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        sessions.MapPost("sessions", ImportDocumentAsync)
            .WithName("ImportSessionDocument")
            .WithSummary("Imports a session in structured form (as exported by GET .../sessions/{id}). Coordinators only.")
            .Accepts<SessionDocument>("application/json")
            .Produces<ImportResultDocument>(StatusCodes.Status201Created)
            .Produces<ImportResultDocument>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        sessions.MapGet("sessions/{id}", GetAsync)
            .WithName("GetSession")
            .WithSummary("Exports a session, with its commitments, in structured form.")
            .Produces<SessionDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> ImportTextAsync(
        string tenant, string? date, string? dryRun, HttpContext http, TenantDirectory directory, SessionImporter importer, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var home = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        TenantAccess.RequireCoordinator(caller, "import sessions");
        var sessionDate = QueryValues.Date(date, "date");
        var isDryRun = QueryValues.Flag(dryRun, "dryRun");
        var text = await ReadTextAsync(http.Request, cancellationToken);
        var report = SessionReportParser.Parse(text, sessionDate);
        return await ImportAsync(home, report, isDryRun, caller, importer, grains, cancellationToken);
    }

    private static async Task<IResult> ImportDocumentAsync(
        string tenant, string? dryRun, HttpContext http, TenantDirectory directory, SessionImporter importer, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var document = await JsonBody.ReadAsync<SessionDocument>(http.Request, cancellationToken);
        var caller = http.Caller();
        var home = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        TenantAccess.RequireCoordinator(caller, "import sessions");
        var isDryRun = QueryValues.Flag(dryRun, "dryRun");
        SessionDocumentRules.Validate(document);
        return await ImportAsync(home, document.ToParsed(), isDryRun, caller, importer, grains, cancellationToken);
    }

    private static async Task<IResult> ImportAsync(
        TenantPath home, ParsedSessionReport report, bool dryRun, TenantCaller caller, SessionImporter importer, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        using var _ = TenantCallContext.Enter(caller);
        var sessionId = SessionImporter.SessionId(report);
        var existed = await grains.GetGrain<ISessionGrain>(TenantScopedKey.For(home, sessionId)).Describe() is not null;
        var result = await importer.ImportAsync(home, report, dryRun, cancellationToken);
        var created = !dryRun && !existed;
        var body = new ImportResultDocument(
            result.Session.ToDocument(result.Commitments.ToDictionary(c => c.Id)),
            result.Commitments.Select(c => c.Id).ToList(),
            result.UnresolvedNames,
            dryRun,
            created);
        return created
            ? Results.Created($"/api/tenants/{home.TenantId}/sessions/{sessionId}", body)
            : Results.Ok(body);
    }

    private static async Task<IResult> GetAsync(string tenant, string id, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var caller = http.Caller();
        var home = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        LocalIds.EnsureValid(id, "id");
        using var _ = TenantCallContext.Enter(caller);
        var session = await grains.GetGrain<ISessionGrain>(TenantScopedKey.For(home, id)).Describe()
            ?? throw new DomainNotFoundException($"No session '{id}'.");
        var commitments = new Dictionary<string, CommitmentDraft>();
        foreach (var commitmentId in session.Session.Periods.SelectMany(p => p.CommitmentIds))
        {
            if (await grains.GetGrain<ICommitmentGrain>(TenantScopedKey.For(home, commitmentId)).Describe() is { } commitment)
            {
                commitments[commitmentId] = commitment.Draft;
            }
        }
        return Results.Ok(session.Session.ToDocument(commitments));
    }


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
