using Microsoft.AspNetCore.Mvc;
using Network.Documents.Spreadsheets;
using Network.Domain.Commitments;
using Network.Domain.Commitments.ProgressImport;

namespace Network.Host.Api.Commitments;

/// <summary>
/// The 422s of spreadsheets, shaped as sessions:import shapes its own: <c>errors</c> keyed by where (for a cell,
/// "row 4, column B (status)"), each with its messages, and <c>problems</c> as a list a program can walk.
/// </summary>
public static class ProgressImportProblems
{
    /// <summary>Cells that break a rule: every one, with its row and column; <c>rows</c> has each row's outcome. Nothing was saved.</summary>
    public static ProblemDetails Refused(ProgressImportRefusedException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var problems = e.Result.Rows.SelectMany(r => r.Problems).ToList();
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The file has problems; nothing was saved.",
            Detail = $"{problems.Count} cell(s) in {e.Result.Refused} row(s) break a rule; fix them (see errors) and upload the file again.",
        };
        problem.Extensions["errors"] = problems
            .GroupBy(p => p.Location)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        problem.Extensions["problems"] = problems;
        problem.Extensions["rows"] = e.Result.Rows;
        return problem;
    }

    /// <summary>A file that is not a progress sheet at all: not readable, no header, a required column missing, too long.</summary>
    public static ProblemDetails Unreadable(SpreadsheetUnreadableException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The file cannot be read as a progress sheet.",
            Detail = e.Message,
        };
        problem.Extensions["errors"] = e.Problems
            .GroupBy(p => p.Where)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        problem.Extensions["problems"] = e.Problems.Select(p => new { where = p.Where, message = p.Message }).ToList();
        return problem;
    }

    public static ProblemDetails ExportTooLarge(CommitmentExportTooLargeException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The export is too large.",
            Detail = e.Message,
        };
        problem.Extensions["matching"] = e.Matching;
        problem.Extensions["max"] = e.Max;
        return problem;
    }
}
