using Network.Contracts.Campaigns;
using Network.Contracts.Sessions;
using Network.Domain.Campaigns;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Host.Api.Auth;

namespace Network.Host.Api;

/// <summary>Campaigns of a tenant: define one (partners, milestones, the commitments serving it) and read it.</summary>
public static class CampaignEndpoints
{
    public static IEndpointRouteBuilder MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/tenants/{tenant}/campaigns").WithTags("Campaigns").RequireApiKey();

        campaigns.MapPut("{id}", PutAsync)
            .WithName("PutCampaign")
            .WithSummary("Creates or replaces a campaign. Coordinators over the tenant only.")
            .Accepts<CampaignDocument>("application/json")
            .Produces<CampaignDocument>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        campaigns.MapGet("{id}", GetAsync)
            .WithName("GetCampaign")
            .WithSummary("A campaign; its partners may read it too.")
            .Produces<CampaignDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> PutAsync(
        string tenant, string id, HttpContext http, TenantDirectory directory, ICommitmentReadModel commitments, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var document = await JsonBody.ReadAsync<CampaignDocument>(http.Request, cancellationToken);
        var caller = http.Caller();
        var home = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        LocalIds.EnsureValid(id, "id");
        var partners = new List<string>();
        for (var i = 0; i < document.Partners.Count; i++)
        {
            var partner = await directory.FindPathAsync(document.Partners[i], caller)
                ?? throw ApiProblemException.BadRequest($"partners[{i}]", $"No tenant '{document.Partners[i]}' is visible to this key.");
            partners.Add(partner.Value);
        }
        for (var i = 0; i < document.Commitments.Count; i++)
        {
            var found = await commitments.FindAsync(home.Value, document.Commitments[i], cancellationToken);
            if (!found.Any(c => c.HomeTenant == home.Value))
            {
                throw ApiProblemException.BadRequest($"commitments[{i}]", $"'{tenant}' has no commitment '{document.Commitments[i]}'.");
            }
        }
        using var _ = TenantCallContext.Enter(caller);
        var campaign = await grains.GetGrain<ICampaignGrain>(TenantScopedKey.For(home, id)).Define(new CampaignDefinition(
            id, document.Title, document.LaunchOn, partners,
            document.Milestones.Select(m => new CommitmentMilestone(m.Title, m.DueOn)).ToList(),
            document.Commitments.Distinct().ToList()));
        return Results.Ok(ToDocument(campaign));
    }

    private static async Task<IResult> GetAsync(string tenant, string id, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var caller = http.Caller();
        // Partners read a campaign through its home tenant, which they cannot reach themselves: the grain decides
        // (it is shared with its partners), and refuses everyone else with the same 404 as a missing campaign.
        var home = await TenantAccess.RequirePathAsync(directory, tenant, TenantCaller.System);
        LocalIds.EnsureValid(id, "id");
        using var _ = TenantCallContext.Enter(caller);
        var campaign = await grains.GetGrain<ICampaignGrain>(TenantScopedKey.For(home, id)).Describe()
            ?? throw new DomainNotFoundException($"No campaign '{id}'.");
        return Results.Ok(ToDocument(campaign));
    }

    private static CampaignDocument ToDocument(CampaignDefinition campaign) => new(
        campaign.Title, campaign.LaunchOn,
        campaign.Partners.Select(p => TenantPath.Parse(p).TenantId).ToList(),
        campaign.Milestones.Select(m => new MilestoneDocument(m.Title, m.DueOn)).ToList(),
        campaign.Commitments, campaign.Id);
}
