using System.Globalization;

namespace Network.Contracts.Commitments;

/// <summary>
/// What a progress import (a spreadsheet of commitment, status, note and evidence) did, or would do on a dry run,
/// row by row. The counts are those of <see cref="Rows"/> by outcome.
/// </summary>
public sealed record ProgressImportResultResource(
    bool DryRun,
    int Applied,
    int WouldApply,
    int Unchanged,
    int Refused,
    IReadOnlyList<ProgressImportRowResource> Rows);

/// <summary>One filled row of the file and what became of it.</summary>
/// <param name="Row">The row's number in the file, as a spreadsheet shows it (the header is usually row 1).</param>
/// <param name="Commitment">The commitment id as written (trimmed), or null when the cell was blank.</param>
/// <param name="Status">The status as it would be recorded (lower case), or as written when it is not a status.</param>
/// <param name="Outcome">One of <see cref="ProgressImportOutcomes"/>.</param>
/// <param name="Problems">Why the row was refused; empty otherwise.</param>
public sealed record ProgressImportRowResource(
    int Row,
    string? Commitment,
    string? Status,
    string Outcome,
    IReadOnlyList<ProgressImportProblem> Problems);

/// <summary>What is wrong with one cell.</summary>
/// <param name="Column">The column's letter, as a spreadsheet shows it (A, B, …, AA).</param>
/// <param name="Header">The column's header as written in the file.</param>
/// <param name="Field">Which field the column holds: commitment, status, note or evidence.</param>
public sealed record ProgressImportProblem(int Row, string Column, string Header, string Field, string Message)
{
    /// <summary>Where to look, for people: "row 4, column B (status)".</summary>
    public string Location => string.Create(CultureInfo.InvariantCulture, $"row {Row}, column {Column} ({Field})");
}

/// <summary>The outcomes of a row on the wire.</summary>
public static class ProgressImportOutcomes
{
    /// <summary>A dry run: the row is valid and would be recorded as a progress report.</summary>
    public const string WouldApply = "would-apply";

    /// <summary>The row was recorded as a progress report, as the uploading key.</summary>
    public const string Applied = "applied";

    /// <summary>Nothing to record: the same row was applied before, or it repeats the current status with no note or evidence.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>The row has problems (see its problems); nothing of the file was saved, unless the problem arose while saving.</summary>
    public const string Refused = "refused";
}
