using Network.Contracts.Workflows;
using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Api.Auth;

namespace Network.Host.Api;

/// <summary>Workflow instances of a tenant: where one stands, and its journal.</summary>
public static class WorkflowInstanceEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup("/api/tenants/{tenant}/workflow-instances").WithTags("Workflows").RequireApiKey();

        instances.MapGet("{id}", GetAsync)
            .WithName("GetWorkflowInstance")
            .WithSummary("An instance: its definition, status, and where it waits.")
            .Produces<WorkflowInstanceResource>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        instances.MapGet("{id}/journal", JournalAsync)
            .WithName("GetWorkflowInstanceJournal")
            .WithSummary("Everything the instance did, in order: each step, when, why, and its outcome.")
            .Produces<IReadOnlyList<JournalEntryResource>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> GetAsync(string tenant, string id, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var (grain, caller) = await FindAsync(tenant, id, http, directory, grains);
        using var _ = TenantCallContext.Enter(caller);
        var summary = await grain.Describe() ?? throw new DomainNotFoundException($"No workflow instance '{id}'.");
        return Results.Ok(new WorkflowInstanceResource(summary.Id, summary.DefinitionId, summary.DefinitionVersion, summary.Status,
            summary.StartedAt, summary.UpdatedAt, summary.NextDueAt, summary.WaitingAt));
    }

    private static async Task<IResult> JournalAsync(string tenant, string id, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var (grain, caller) = await FindAsync(tenant, id, http, directory, grains);
        using var _ = TenantCallContext.Enter(caller);
        if (await grain.Describe() is null)
        {
            throw new DomainNotFoundException($"No workflow instance '{id}'.");
        }
        var journal = await grain.Journal();
        return Results.Ok(journal.Select(j => new JournalEntryResource(j.At, j.Kind, j.Step, j.Why, j.Outcome, j.Inputs)).ToList());
    }

    private static async Task<(IWorkflowInstanceGrain, TenantCaller)> FindAsync(
        string tenant, string id, HttpContext http, TenantDirectory directory, IGrainFactory grains)
    {
        var caller = http.Caller();
        var home = await TenantAccess.RequirePathAsync(directory, tenant, caller);
        LocalIds.EnsureValid(id, "id");
        return (grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(home, id)), caller);
    }
}
