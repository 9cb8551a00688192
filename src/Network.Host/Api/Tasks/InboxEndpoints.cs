using Network.Contracts.Workflows;
using Network.Domain.Workflows;
using Network.Host.Api.Http;

namespace Network.Host.Api.Tasks;

/// <summary>A tenant's inbox: what workflows addressed to it (notifications, escalations, tasks), newest first.</summary>
public static class InboxEndpoints
{
    public static IEndpointRouteBuilder MapInboxEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/tenants/{tenant}/inbox").WithTags("Workflows").RequireApiKey()
            .MapGet("", ListAsync)
            .WithName("ListInbox")
            .WithSummary($"What workflows addressed to this tenant, newest first (the newest {TenantInboxGrain.Capacity} are kept). Filters: kind, since, limit.")
            .Produces<IReadOnlyList<InboxEntryResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync(string tenant, string? kind, string? since, string? limit, InboxService inbox)
    {
        var from = QueryValues.Date(since, "since");
        var count = QueryValues.WholeNumber(limit, "limit", 1, TenantInboxGrain.Capacity) ?? 50;
        return Results.Ok(await inbox.ListAsync(
            tenant, kind, from is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null, count));
    }
}
