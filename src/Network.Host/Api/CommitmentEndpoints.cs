using Network.Contracts.Commitments;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Host.Api.Auth;

namespace Network.Host.Api;

/// <summary>
/// Commitments seen from a tenant: those it is home to or owns, across its subtree. Lists come from the read model;
/// one commitment comes from its grain, which checks the caller again.
/// </summary>
public static class CommitmentEndpoints
{
    public static IEndpointRouteBuilder MapCommitmentEndpoints(this IEndpointRouteBuilder app)
    {
        var commitments = app.MapGroup("/api/tenants/{tenant}/commitments").WithTags("Commitments").RequireApiKey();

        commitments.MapGet("", ListAsync)
            .WithName("ListCommitments")
            .WithSummary("Lists the commitments of the tenant's subtree (home or owner), filtered and paged.")
            .WithDescription("Filters: status, period, owner (a tenant id), dueBefore (yyyy-MM-dd). Paging: offset (default 0), limit (1-200, default 50).")
            .Produces<CommitmentPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        commitments.MapGet("{id}", GetAsync)
            .WithName("GetCommitment")
            .WithSummary("One commitment with its history.")
            .Produces<CommitmentResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        commitments.MapPost("{id}/progress", ReportProgressAsync)
            .WithName("ReportProgress")
            .WithSummary("Records progress: an owner's member key or a coordinator above an owner or the home tenant.")
            .Accepts<ReportProgressRequest>("application/json")
            .Produces<CommitmentResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        commitments.MapPut("{id}/owners", AssignOwnersAsync)
            .WithName("AssignOwners")
            .WithSummary("Replaces the owners with the given tenants; coordinators over the home tenant. Recorded in the history.")
            .Accepts<AssignOwnersRequest>("application/json")
            .Produces<CommitmentResource>()
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> ListAsync(
        string tenant, string? status, string? period, string? owner, string? dueBefore, string? offset, string? limit,
        HttpContext http, TenantDirectory directory, ICommitmentReadModel readModel, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var scope = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        if (status is not null)
        {
            CommitmentStatuses.EnsureValid(status, "status");
        }
        var ownerPath = owner is null ? (TenantPath?)null : await TenantAccess.RequirePathAsync(directory, owner, caller, "owner");
        var query = new CommitmentListQuery(
            scope.Value,
            status,
            QueryValues.WholeNumber(period, "period", 1, 99),
            ownerPath?.Value,
            QueryValues.Date(dueBefore, "dueBefore"),
            QueryValues.WholeNumber(offset, "offset", 0, int.MaxValue) ?? 0,
            QueryValues.WholeNumber(limit, "limit", 1, 200) ?? 50);
        var page = await readModel.QueryAsync(query, cancellationToken);
        return Results.Ok(new CommitmentPage(page.Items.Select(r => r.ToSummary()).ToList(), page.Total, query.Offset, query.Limit));
    }

    private static async Task<IResult> GetAsync(
        string tenant, string id, HttpContext http, TenantDirectory directory, ICommitmentReadModel readModel, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var grain = await FindAsync(tenant, id, caller, directory, readModel, grains, cancellationToken);
        using var _ = TenantCallContext.Enter(caller);
        var snapshot = await grain.Describe() ?? throw new DomainNotFoundException($"No commitment '{id}'.");
        return Results.Ok(snapshot.ToResource());
    }

    private static async Task<IResult> ReportProgressAsync(
        string tenant, string id, HttpContext http, TenantDirectory directory, ICommitmentReadModel readModel, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<ReportProgressRequest>(http.Request, cancellationToken);
        var caller = http.Caller();
        var grain = await FindAsync(tenant, id, caller, directory, readModel, grains, cancellationToken);
        using var _ = TenantCallContext.Enter(caller);
        var snapshot = await grain.ReportProgress(new ProgressUpdate(request.Status, request.Note, request.EvidenceUrl));
        return Results.Ok(snapshot.ToResource());
    }

    private static async Task<IResult> AssignOwnersAsync(
        string tenant, string id, HttpContext http, TenantDirectory directory, ICommitmentReadModel readModel, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<AssignOwnersRequest>(http.Request, cancellationToken);
        var caller = http.Caller();
        var grain = await FindAsync(tenant, id, caller, directory, readModel, grains, cancellationToken);
        var owners = new List<CommitmentOwner>();
        for (var i = 0; i < request.Owners.Count; i++)
        {
            var path = await directory.FindPathAsync(request.Owners[i], caller)
                ?? throw ApiProblemException.BadRequest($"owners[{i}]", $"No tenant '{request.Owners[i]}' is visible to this key.");
            using var __ = TenantCallContext.Enter(caller);
            var owner = await directory.Grain(path).Describe()
                ?? throw ApiProblemException.BadRequest($"owners[{i}]", $"No tenant '{request.Owners[i]}' is visible to this key.");
            owners.Add(new CommitmentOwner(owner.Name, path.Value));
        }
        using var _ = TenantCallContext.Enter(caller);
        var snapshot = await grain.AssignOwners(owners, request.Note);
        return Results.Ok(snapshot.ToResource());
    }

    /// <summary>The grain of the commitment <paramref name="id"/> as seen from <paramref name="tenant"/>: 404 when not in its scope.</summary>
    private static async Task<ICommitmentGrain> FindAsync(
        string tenant, string id, TenantCaller caller, TenantDirectory directory, ICommitmentReadModel readModel, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var scope = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        LocalIds.EnsureValid(id, "id");
        var rows = await readModel.FindAsync(scope.Value, id, cancellationToken);
        var row = rows.Count > 0 ? rows[0] : throw new DomainNotFoundException($"No commitment '{id}' is visible to this key.");
        return grains.GetGrain<ICommitmentGrain>(row.Key);
    }
}
