using Network.Contracts.Tenants;
using Network.Domain.Tenants;
using Network.Host.Api.Http;

namespace Network.Host.Api.Tenants;

/// <summary>A tenant's API keys: issue one (shown once, optionally expiring), list them (never the keys), rotate one, revoke one.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/tenants/{id}/keys").WithTags("API keys").RequireApiKey();

        keys.MapPost("", IssueAsync)
            .WithName("IssueApiKey")
            .WithSummary("Issues a key for the tenant; the key is in this answer only. Coordinators only.")
            .Accepts<CreateApiKeyRequest>("application/json")
            .Produces<CreatedApiKeyResource>(StatusCodes.Status201Created)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapGet("", ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("Lists the tenant's keys: ids, roles, labels, expiry, last use, rotation and status, never the keys. Coordinators only.")
            .Produces<IReadOnlyList<ApiKeySummaryResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapPost("{keyId}:rotate", RotateAsync)
            .WithName("RotateApiKey")
            .WithSummary("Issues a key with the old one's role and label (in this answer only); the old key keeps working for the overlap " +
                "(an ISO 8601 duration, one day by default, at most 90), so the systems using it can change over. Coordinators only.")
            .Accepts<RotateApiKeyRequest>("application/json")
            .Produces<RotatedApiKeyResource>(StatusCodes.Status201Created)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        keys.MapDelete("{keyId}", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revokes a key at once. Coordinators only.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> IssueAsync(string id, HttpContext http, TenantService tenants, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CreateApiKeyRequest>(http.Request, cancellationToken);
        var issued = await tenants.IssueKeyAsync(id, request, cancellationToken);
        return Results.Created($"/api/tenants/{id}/keys/{issued.Id}", issued);
    }

    private static async Task<IResult> RotateAsync(string id, string keyId, HttpContext http, TenantService tenants, CancellationToken cancellationToken)
    {
        // An empty body is a rotation with the defaults.
        var request = http.Request.ContentLength is 0 || (http.Request.ContentLength is null && http.Request.Headers.ContentType.Count == 0)
            ? new RotateApiKeyRequest()
            : await JsonBody.ReadAsync<RotateApiKeyRequest>(http.Request, cancellationToken);
        var rotated = await tenants.RotateKeyAsync(id, keyId, request);
        return Results.Created($"/api/tenants/{id}/keys/{rotated.Key.Id}", rotated);
    }

    private static async Task<IResult> ListAsync(string id, TenantService tenants) =>
        Results.Ok(await tenants.ListKeysAsync(id));

    private static async Task<IResult> RevokeAsync(string id, string keyId, TenantService tenants)
    {
        await tenants.RevokeKeyAsync(id, keyId);
        return Results.NoContent();
    }
}
