using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Network.Documents.Spreadsheets;
using Network.Domain.Commitments;
using Network.Domain.Commitments.ProgressImport;
using Network.Domain.Errors;
using Network.Domain.Quotas;
using Network.Domain.Reports;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Orleans.Runtime;
using Network.Host.Api.Commitments;
using Network.Host.Api.Workflows;

namespace Network.Host.Api.Http;

/// <summary>
/// Turns every refusal into application/problem+json that says what was wrong and where. Tenant isolation refusals
/// become the same 404 as a missing tenant, so a probe cannot tell "exists elsewhere" from "does not exist".
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = ToProblem(exception, httpContext.Request.Path);
        if (problem is null)
        {
            return false;
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = ClusterRecoverySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (exception is QuotaExceededException quota)
        {
            httpContext.Response.Headers.RetryAfter = RetrySeconds(quota.RetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails? ToProblem(Exception exception, string path) => exception switch
    {
        ApiProblemException e => WithField(new ProblemDetails { Status = e.Status, Title = e.Title, Detail = e.Message }, e.Field),
        DomainValidationException e => WithField(new ProblemDetails { Status = 400, Title = "The request is invalid.", Detail = e.Message }, e.Field),
        ReportFormatException e => NotAReport(e),
        ProgressImportRefusedException e => ProgressImportProblems.Refused(e),
        WorkflowInvalidException e => WorkflowProblems.Invalid(e.Validation),
        WorkflowMigrationRefusedException e => WorkflowProblems.MigrationRefused(e),
        SpreadsheetUnreadableException e => ProgressImportProblems.Unreadable(e),
        CommitmentExportTooLargeException e => ProgressImportProblems.ExportTooLarge(e),
        QuotaExceededException e => new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "A quota of this tenant is reached.",
            Detail = e.Message,
            Extensions = { ["quota"] = e.Quota, ["retryAfterSeconds"] = RetrySeconds(e.RetryAfter) },
        },
        DomainConflictException e => new ProblemDetails { Status = 409, Title = "The request conflicts with what exists.", Detail = e.Message },
        RoleForbiddenException e => new ProblemDetails { Status = 403, Title = "This key's role may not do that.", Detail = e.Message },
        DomainNotFoundException or TenantAccessDeniedException => NotFound(path),
        BadHttpRequestException e when e.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            new ProblemDetails { Status = 413, Title = "The body is too large.", Detail = e.Message },
        BadHttpRequestException e => new ProblemDetails { Status = e.StatusCode, Title = "The request is malformed.", Detail = e.Message },
        SiloUnavailableException or OrleansMessageRejectionException => MemberLost(),
        _ => null,
    };

    private static int RetrySeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>How long a client should wait before trying again after <see cref="MemberLost"/>.</summary>
    public const int ClusterRecoverySeconds = 5;

    /// <summary>
    /// A grain the request needed was on a silo that just died: the cluster declares it dead within seconds and the
    /// grain activates elsewhere. The request may or may not have taken effect before the silo went (its write may
    /// have committed with the answer lost), so the client is told to look before it repeats a change.
    /// </summary>
    private static ProblemDetails MemberLost() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "A member of the cluster was lost.",
        Detail = "The request needed a part of the cluster that has just stopped answering; it recovers within seconds. " +
                 "A change may or may not have been made: read the current state, then try again.",
    };

    public static ProblemDetails NotFound(string path) => new()
    {
        Status = 404,
        Title = "Not found.",
        Detail = $"Nothing at '{path}' is visible to this key.",
    };

    /// <summary>422: names every section that was missing or malformed, with line numbers where there are any.</summary>
    private static ProblemDetails NotAReport(ReportFormatException e)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The text is not a session report.",
            Detail = e.Message,
        };
        problem.Extensions["errors"] = e.Problems
            .GroupBy(p => p.Section)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Line is { } line ? $"line {line}: {p.Message}" : p.Message).ToArray());
        problem.Extensions["problems"] = e.Problems.Select(p => new { section = p.Section, line = p.Line, message = p.Message }).ToList();
        return problem;
    }

    private static ProblemDetails WithField(ProblemDetails problem, string? field)
    {
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [problem.Detail!] };
        }
        return problem;
    }
}
