using Network.Contracts.Tenants;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Host.Api.Auth;

namespace Network.Host.Api;

/// <summary>The tenant tree: create a tenant, read one, list its children.</summary>
public static class TenantEndpoints
{
    public static IEndpointRouteBuilder MapTenantEndpoints(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/api/tenants").WithTags("Tenants").RequireApiKey();

        tenants.MapPost("", CreateAsync)
            .WithName("CreateTenant")
            .WithSummary("Creates a tenant under a parent the key coordinates.")
            .Accepts<CreateTenantRequest>("application/json")
            .Produces<TenantResource>(StatusCodes.Status201Created)
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        tenants.MapGet("{id}", GetAsync)
            .WithName("GetTenant")
            .WithSummary("Reads a tenant in the key's reach.")
            .Produces<TenantResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tenants.MapGet("{id}/children", GetChildrenAsync)
            .WithName("GetTenantChildren")
            .WithSummary("Lists a tenant's direct children.")
            .Produces<IReadOnlyList<TenantResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, TenantDirectory directory, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CreateTenantRequest>(http.Request, cancellationToken);
        var caller = http.Caller();
        // Check the new tenant's own fields before looking up the parent, so a bad body never reveals anything.
        var validated = TenantRules.Validate(new NewTenant(request.Id, request.Name, request.Kind));
        var parent = await TenantAccess.RequireAsync(directory, request.Parent, caller, field: "parent");
        using var _ = TenantCallContext.Enter(caller);
        var created = await parent.CreateChild(validated);
        return Results.Created($"/api/tenants/{created.Id}", created.ToResource());
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, TenantDirectory directory)
    {
        var caller = http.Caller();
        var tenant = await TenantAccess.RequireAsync(directory, id, caller);
        using var _ = TenantCallContext.Enter(caller);
        var snapshot = await tenant.Describe() ?? throw new DomainNotFoundException($"No tenant '{id}'.");
        return Results.Ok(snapshot.ToResource());
    }

    private static async Task<IResult> GetChildrenAsync(string id, HttpContext http, TenantDirectory directory)
    {
        var caller = http.Caller();
        var tenant = await TenantAccess.RequireAsync(directory, id, caller);
        using var _ = TenantCallContext.Enter(caller);
        var children = await tenant.GetChildren();
        return Results.Ok(children.Select(c => c.ToResource()).ToList());
    }
}
