using Network.Contracts.Organisations;
using Network.Domain.Errors;
using Network.Domain.Organisations;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;
using Network.Host.Api.Auth;

namespace Network.Host.Api;

/// <summary>A tenant's organisation profile: contacts, description, website and the aliases reports may use.</summary>
public static class ProfileEndpoints
{
    public static IEndpointRouteBuilder MapProfileEndpoints(this IEndpointRouteBuilder app)
    {
        var profile = app.MapGroup("/api/tenants/{id}/profile").WithTags("Tenants").RequireApiKey();

        profile.MapGet("", GetAsync)
            .WithName("GetProfile")
            .WithSummary("The tenant's organisation profile.")
            .Produces<OrganisationProfileDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        profile.MapPut("", PutAsync)
            .WithName("PutProfile")
            .WithSummary("Replaces the tenant's organisation profile and aliases. Coordinators only.")
            .Accepts<OrganisationProfileDocument>("application/json")
            .Produces<OrganisationProfileDocument>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var caller = http.Caller();
        var path = await TenantAccess.RequirePathAsync(directory, id, caller, "id");
        using var _ = TenantCallContext.Enter(caller);
        var tenant = await directory.Grain(path).Describe() ?? throw new DomainNotFoundException($"No tenant '{id}'.");
        var profile = await grains.GetGrain<IOrganisationGrain>(OrganisationGrain.KeyFor(path)).Describe();
        return Results.Ok(ToDocument(profile, tenant.Aliases ?? []));
    }

    private static async Task<IResult> PutAsync(string id, HttpContext http, TenantDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var document = await JsonBody.ReadAsync<OrganisationProfileDocument>(http.Request, cancellationToken);
        var caller = http.Caller();
        var path = await TenantAccess.RequirePathAsync(directory, id, caller, "id");
        // Check the aliases before writing the profile, so a bad alias changes nothing at all.
        var aliases = TenantRules.ValidateAliases(document.Aliases);
        using var _ = TenantCallContext.Enter(caller);
        var profile = await grains.GetGrain<IOrganisationGrain>(OrganisationGrain.KeyFor(path)).Update(new OrganisationProfile(
            document.Description, document.Website,
            document.Contacts.Select(c => new ContactPerson(c.Name, c.Role, c.Email)).ToList()));
        var tenant = await directory.Grain(path).SetAliases(aliases);
        return Results.Ok(ToDocument(profile, tenant.Aliases ?? []));
    }

    private static OrganisationProfileDocument ToDocument(OrganisationProfile profile, IReadOnlyList<string> aliases) =>
        new(profile.Description, profile.Website, profile.Contacts.Select(c => new ContactPersonDocument(c.Name, c.Role, c.Email)).ToList(), aliases);
}
