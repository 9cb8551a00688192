using Network.Contracts.Workflows;
using Network.Domain.Workflows;
using Network.Host.Api.Http;

namespace Network.Host.Api.Workflows;

/// <summary>Migration of running instances to another version of their definition, with a mapping of step ids.</summary>
public static class WorkflowMigrationEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowMigrationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tenants/{tenant}/workflow-instances:migrate", MigrateAsync).WithTags("Workflows").RequireApiKeyOn()
            .WithName("MigrateWorkflowInstances")
            .WithSummary("Moves chosen instances to another version of their definition, keeping position, variables and waits; all or none. Coordinators only.")
            .Accepts<MigrateInstancesRequest>("application/json")
            .Produces<MigrationResultResource>()
            .Produces<MigrationResultResource>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>200 with what moved (or would, for a dry run); 422 with every instance's problems when any cannot move.</summary>
    private static async Task<IResult> MigrateAsync(string tenant, HttpContext http, WorkflowInstanceService instances, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<MigrateInstancesRequest>(http.Request, cancellationToken);
        // Refused moves are a WorkflowMigrationRefusedException: ProblemMapping answers it (WorkflowProblems.MigrationRefused).
        return Results.Ok(await instances.MigrateAsync(tenant, request));
    }
}
