using Network.Contracts.Audit;
using Network.Domain.Audit;
using Network.Domain.ReadModel;
using Network.Host.Api.Http;

namespace Network.Host.Api.Audit;

/// <summary>The audit trail of a tenant's subtree, for its coordinators.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/tenants/{tenant}/audit").WithTags("Audit").RequireApiKey()
            .MapGet("", ListAsync)
            .WithName("ListAudit")
            .WithSummary("Every change made in the tenant's subtree or by its keys, and every refused attempt, newest first: when, who " +
                "(key, label, role, door; bus message; workflow instance and step), action, target, outcome, trace id. " +
                "Filters: since (a day or an instant), actor (a key id, an instance, 'system'), action, target; offset, limit. Coordinators only.")
            .Produces<AuditEntryPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync(
        string tenant, string? since, string? actor, string? action, string? target, string? offset, string? limit,
        AuditService audit, CancellationToken cancellationToken)
    {
        var from = QueryValues.Instant(since, "since");
        var skip = QueryValues.WholeNumber(offset, "offset", 0, int.MaxValue) ?? 0;
        var take = QueryValues.WholeNumber(limit, "limit", 1, ListPaging.MaxLimit) ?? ListPaging.DefaultLimit;
        return Results.Ok(await audit.ListAsync(tenant, from, actor, action, target, skip, take, cancellationToken));
    }
}
