using Network.Contracts.Tenants;
using Network.Domain.Tenancy;
using Network.Host.Api.Auth;
using Network.Messaging;

namespace Network.Host.Api;

/// <summary>A tenant's API keys: issue one (shown once), list them (never the keys), revoke one.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/tenants/{id}/keys").WithTags("API keys").RequireApiKey();

        keys.MapPost("", IssueAsync)
            .WithName("IssueApiKey")
            .WithSummary("Issues a key for the tenant; the key is in this answer only. Coordinators only.")
            .Accepts<CreateApiKeyRequest>("application/json")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapGet("", ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("Lists the tenant's keys: ids, roles and labels, never the keys. Coordinators only.")
            .Produces<IReadOnlyList<ApiKeySummary>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapDelete("{keyId}", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revokes a key at once. Coordinators only.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> IssueAsync(
        string id, HttpContext http, TenantDirectory directory, TenantLinkEndpoints links, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CreateApiKeyRequest>(http.Request, cancellationToken);
        var role = TenantRoles.Parse(request.Role, "role");
        var caller = http.Caller();
        var tenant = await TenantAccess.RequireAsync(directory, id, caller);
        using var _ = TenantCallContext.Enter(caller);
        var issued = await tenant.IssueKey(role, request.Label);
        if (role == TenantRole.Integration)
        {
            // The tenant's exchanges exist before its systems get the key to publish with.
            await links.OpenSoonAsync(id, cancellationToken);
        }
        return Results.Created($"/api/tenants/{id}/keys/{issued.Info.Id}", issued.ToCreated());
    }

    private static async Task<IResult> ListAsync(string id, HttpContext http, TenantDirectory directory)
    {
        var caller = http.Caller();
        var tenant = await TenantAccess.RequireAsync(directory, id, caller);
        using var _ = TenantCallContext.Enter(caller);
        var keys = await tenant.ListKeys();
        return Results.Ok(keys.Select(k => k.ToSummary()).ToList());
    }

    private static async Task<IResult> RevokeAsync(string id, string keyId, HttpContext http, TenantDirectory directory)
    {
        var caller = http.Caller();
        var tenant = await TenantAccess.RequireAsync(directory, id, caller);
        using var _ = TenantCallContext.Enter(caller);
        await tenant.RevokeKey(keyId);
        return Results.NoContent();
    }
}
