using Network.Contracts.Tenants;
using Network.Domain.Tenants;
using Network.Host.Api.Http;

namespace Network.Host.Api.Tenants;

/// <summary>The tenant tree: create a tenant, read one, list its children or its whole subtree.</summary>
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

        tenants.MapGet("{id}/subtree", GetSubtreeAsync)
            .WithName("GetTenantSubtree")
            .WithSummary("Lists the tenant and every tenant below it the key reaches (a member key: the tenant alone), depth-first, siblings by id.")
            .Produces<IReadOnlyList<TenantSummaryResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, TenantService tenants, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CreateTenantRequest>(http.Request, cancellationToken);
        var created = await tenants.CreateAsync(request);
        return Results.Created($"/api/tenants/{created.Id}", created);
    }

    private static async Task<IResult> GetAsync(string id, TenantService tenants) =>
        Results.Ok(await tenants.GetAsync(id));

    private static async Task<IResult> GetChildrenAsync(string id, TenantService tenants) =>
        Results.Ok(await tenants.ChildrenAsync(id));

    private static async Task<IResult> GetSubtreeAsync(string id, TenantService tenants) =>
        Results.Ok(await tenants.SubtreeSummariesAsync(id));
}
