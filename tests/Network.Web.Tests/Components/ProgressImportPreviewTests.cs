using Bunit;
using Network.Contracts.Commitments;
using Network.Web.Commitments;

namespace Network.Web.Tests.Components;

public sealed class ProgressImportPreviewTests : ComponentTestContext
{
    private static readonly ProgressImportResultResource DryRun = new(true, 0, 1, 1, 1,
    [
        new(2, "c-1", "limited", ProgressImportOutcomes.WouldApply, []),
        new(3, "c-2", "done", ProgressImportOutcomes.Refused,
        [
            new(3, "B", "Statut", "status", "'done' is not a commitment status."),
            new(3, "D", "Preuve", "evidence", "'ftp://x' is not an absolute http or https link."),
        ]),
        new(4, "c-3", "complete", ProgressImportOutcomes.Unchanged, []),
    ]);

    [Fact]
    public void Each_problem_shows_next_to_its_row_with_the_column_letter_and_header_of_the_file()
    {
        var preview = Render<ProgressImportPreview>(p => p.Add(c => c.Result, DryRun));

        var refused = preview.Find("tr[data-row='3']");
        Assert.Contains("progress-row--refused", refused.ClassName, StringComparison.Ordinal);
        var problems = refused.QuerySelectorAll("[data-testid=problem]").Select(li => li.TextContent).ToList();
        Assert.Equal(["column B (Statut): 'done' is not a commitment status.", "column D (Preuve): 'ftp://x' is not an absolute http or https link."], problems);
        Assert.Empty(preview.Find("tr[data-row='2']").QuerySelectorAll("[data-testid=problem]"));
        Assert.Equal(["will be recorded", "problem", "unchanged"], preview.FindAll("[data-testid=outcome]").Select(o => o.TextContent));
        Assert.Equal("1 rows would be recorded, 1 are unchanged, 1 have problems.", preview.Find("[data-testid=progress-import-summary]").TextContent);
    }

    [Fact]
    public void After_applying_the_summary_counts_applied_and_unchanged_rows()
    {
        var applied = new ProgressImportResultResource(false, 2, 0, 1, 0,
        [
            new(2, "c-1", "limited", ProgressImportOutcomes.Applied, []),
            new(3, "c-2", "stalled", ProgressImportOutcomes.Applied, []),
            new(4, "c-3", "complete", ProgressImportOutcomes.Unchanged, []),
        ]);

        var preview = Render<ProgressImportPreview>(p => p.Add(c => c.Result, applied));

        Assert.Equal("Recorded: 2 rows applied, 1 unchanged.", preview.Find("[data-testid=progress-import-summary]").TextContent);
        Assert.Equal(["recorded", "recorded", "unchanged"], preview.FindAll("[data-testid=outcome]").Select(o => o.TextContent));
    }

    [Fact]
    public void A_refused_file_says_nothing_was_saved()
    {
        var refused = DryRun with { DryRun = false };

        var preview = Render<ProgressImportPreview>(p => p.Add(c => c.Result, refused));

        Assert.Equal("1 rows have problems; nothing was saved.", preview.Find("[data-testid=progress-import-summary]").TextContent);
    }
}

public sealed class ProgressImportPreviewInFrenchTests() : ComponentTestContext("fr")
{
    [Fact]
    public void The_outcomes_and_places_are_in_the_readers_language()
    {
        var result = new ProgressImportResultResource(true, 0, 0, 0, 1,
            [new(5, "c-9", "limited", ProgressImportOutcomes.Refused, [new(5, "A", "Engagement", "commitment", "No commitment 'c-9' is visible to this key.")])]);

        var preview = Render<ProgressImportPreview>(p => p.Add(c => c.Result, result));

        Assert.Equal("problème", preview.Find("[data-testid=outcome]").TextContent);
        Assert.StartsWith("colonne A (Engagement)", preview.Find("[data-testid=problem]").TextContent, StringComparison.Ordinal);
    }
}
