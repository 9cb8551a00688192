using Network.Contracts.Organisations;
using Network.Domain.Organisations;
using Network.Host.Api.Http;

namespace Network.Host.Api.Tenants;

/// <summary>A tenant's organisation profile: contacts, description, website and the aliases reports may use.</summary>
public static class ProfileEndpoints
{
    public static IEndpointRouteBuilder MapProfileEndpoints(this IEndpointRouteBuilder app)
    {
        var profile = app.MapGroup("/api/tenants/{id}/profile").WithTags("Tenants").RequireApiKey();

        profile.MapGet("", GetAsync)
            .WithName("GetProfile")
            .WithSummary("The tenant's organisation profile.")
            .Produces<OrganisationProfileResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        profile.MapPut("", PutAsync)
            .WithName("PutProfile")
            .WithSummary("Replaces the tenant's organisation profile and aliases. Coordinators only.")
            .Accepts<OrganisationProfileResource>("application/json")
            .Produces<OrganisationProfileResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> GetAsync(string id, ProfileService profiles) =>
        Results.Ok(await profiles.GetAsync(id));

    private static async Task<IResult> PutAsync(string id, HttpContext http, ProfileService profiles, CancellationToken cancellationToken)
    {
        var document = await JsonBody.ReadAsync<OrganisationProfileResource>(http.Request, cancellationToken);
        return Results.Ok(await profiles.PutAsync(id, document));
    }
}
