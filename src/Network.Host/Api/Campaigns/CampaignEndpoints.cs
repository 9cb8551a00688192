using Network.Contracts.Campaigns;
using Network.Domain.Campaigns;
using Network.Domain.ReadModel;
using Network.Host.Api.Http;

namespace Network.Host.Api.Campaigns;

/// <summary>Campaigns of a tenant: list them, define one (partners, milestones, the commitments serving it), read it.</summary>
public static class CampaignEndpoints
{
    public static IEndpointRouteBuilder MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/tenants/{tenant}/campaigns").WithTags("Campaigns").RequireApiKey();

        campaigns.MapGet("", ListAsync)
            .WithName("ListCampaigns")
            .WithSummary("Lists the campaigns the tenant sees: homed at it or with it as a partner (for a coordinator's key, across its subtree), paged.")
            .WithDescription("Latest launch first, undated last. Paging: offset (default 0), limit (1-200, default 50).")
            .Produces<CampaignPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapPut("{id}", PutAsync)
            .WithName("PutCampaign")
            .WithSummary("Creates or replaces a campaign. Coordinators over the tenant only.")
            .Accepts<CampaignResource>("application/json")
            .Produces<CampaignResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapGet("{id}", GetAsync)
            .WithName("GetCampaign")
            .WithSummary("A campaign; its partners may read it too.")
            .Produces<CampaignResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> ListAsync(string tenant, string? offset, string? limit, CampaignService campaigns, CancellationToken cancellationToken) =>
        Results.Ok(await campaigns.ListAsync(
            tenant,
            QueryValues.WholeNumber(offset, "offset", 0, int.MaxValue) ?? 0,
            QueryValues.WholeNumber(limit, "limit", 1, ListPaging.MaxLimit) ?? ListPaging.DefaultLimit,
            cancellationToken));

    private static async Task<IResult> PutAsync(string tenant, string id, HttpContext http, CampaignService campaigns, CancellationToken cancellationToken)
    {
        var document = await JsonBody.ReadAsync<CampaignResource>(http.Request, cancellationToken);
        return Results.Ok(await campaigns.PutAsync(tenant, id, document, cancellationToken));
    }

    private static async Task<IResult> GetAsync(string tenant, string id, CampaignService campaigns) =>
        Results.Ok(await campaigns.GetAsync(tenant, id));
}
