using Network.Contracts.Workflows;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Api.Auth;

namespace Network.Host.Api;

/// <summary>A tenant's inbox: what workflows addressed to it (notifications, escalations, tasks), newest first.</summary>
public static class InboxEndpoints
{
    private static readonly string[] Kinds = ["notification", "escalation", "task"];

    public static IEndpointRouteBuilder MapInboxEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/tenants/{tenant}/inbox").WithTags("Workflows").RequireApiKey()
            .MapGet("", ListAsync)
            .WithName("ListInbox")
            .WithSummary($"What workflows addressed to this tenant, newest first (the newest {TenantInboxGrain.Capacity} are kept). Filters: kind, since, limit.")
            .Produces<IReadOnlyList<InboxEntryDocument>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListAsync(
        string tenant, string? kind, string? since, string? limit, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var caller = http.Caller();
        var path = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        if (kind is not null && !Kinds.Contains(kind, StringComparer.Ordinal))
        {
            throw ApiProblemException.BadRequest("kind", $"'{kind}' is not a kind of inbox entry: use {string.Join(", ", Kinds)}.");
        }
        var from = QueryValues.Date(since, "since");
        var count = QueryValues.WholeNumber(limit, "limit", 1, TenantInboxGrain.Capacity) ?? 50;
        using var _ = TenantCallContext.Enter(caller);
        var entries = await grains.GetGrain<ITenantInboxGrain>(TenantInboxGrain.KeyFor(path))
            .List(kind, from is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null, count);
        return Results.Ok(entries.Select(e => new InboxEntryDocument(
            e.Id, e.Kind, e.At, TenantPath.Parse(e.HomeTenant).TenantId, e.InstanceId, e.Step, e.To, e.Message, e.Level, e.TaskId, e.DueAt)).ToList());
    }
}
