using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Network.Contracts.Workflows;
using Network.Domain.Workflows;

namespace Network.Host.Api.Workflows;

/// <summary>
/// The 422s of workflow definitions and migrations as problem+json, like every other refusal: the validation's or
/// the migration's own fields (<c>valid</c>, <c>id</c>, <c>version</c>, <c>problems</c>; <c>dryRun</c>,
/// <c>instances</c>) are extension members, so a client reads them where it always did and handles one error shape.
/// </summary>
public static class WorkflowProblems
{
    public static ProblemDetails Invalid(WorkflowValidationResource validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        return new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The workflow definition has problems.",
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"{validation.Problems.Count} problem(s), each with its line and column in 'problems'; nothing was published."),
            Extensions =
            {
                ["valid"] = validation.Valid,
                ["id"] = validation.Id,
                ["version"] = validation.Version,
                ["problems"] = validation.Problems,
            },
        };
    }

    public static ProblemDetails MigrationRefused(WorkflowMigrationRefusedException refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Some instances cannot move to that version.",
            Detail = "Each instance's problems are in 'instances'; no instance moved.",
            Extensions =
            {
                ["dryRun"] = refused.Result.DryRun,
                ["instances"] = refused.Result.Instances,
            },
        };
    }
}
