using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Network.Domain.Workflows;
using Network.Workflows.Runtime;

namespace Network.Domain.Reporting;

/// <summary>
/// What the workflow following a commitment did up to a moment, read from its journal and tasks: the stalls and the
/// rungs of the escalation ladder they reached, the owners' forum report and the coordinator's review.
/// </summary>
public sealed partial record LifecycleTrail(
    int Stalls,
    int HighestEscalation,
    int CurrentEscalation,
    bool StalledNow,
    DateTimeOffset? StalledSince,
    ForumReport? ForumReport,
    DateTimeOffset? ForumReportDueAt,
    ReviewVerdict Verdict)
{
    public static LifecycleTrail None { get; } = new(0, 0, 0, false, null, null, null, ReviewVerdict.NotReviewed);

    /// <param name="journal">The instance's journal, oldest first.</param>
    /// <param name="tasks">The instance's tasks.</param>
    /// <param name="asOf">Nothing after this moment counts.</param>
    public static LifecycleTrail Read(IReadOnlyList<WorkflowJournalLine> journal, IReadOnlyList<WorkflowTaskInfo> tasks, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(tasks);
        int stalls = 0, highest = 0, current = 0;
        DateTimeOffset? stalledSince = null;
        var completedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var forumReportAsked = false;
        foreach (var line in journal)
        {
            if (line.At > asOf)
            {
                break;
            }
            switch (line.Kind)
            {
                case JournalKinds.StatusChanged when line.Outcome == LifecycleConventions.StalledStatus:
                    stalls++;
                    stalledSince = line.At;
                    current = 0;
                    break;
                case JournalKinds.StatusChanged:
                    stalledSince = null;
                    current = 0;
                    break;
                case JournalKinds.Escalated when EscalationLevel(line.Outcome) is { } level:
                    highest = Math.Max(highest, level);
                    current = stalledSince is null ? current : Math.Max(current, level);
                    break;
                case JournalKinds.TaskAssigned when line.Step == LifecycleConventions.ForumReportStep:
                    forumReportAsked = true;
                    break;
                case JournalKinds.TaskCompleted when line.Step is not null:
                    completedAt[line.Step] = line.At;
                    break;
            }
        }
        return new LifecycleTrail(
            stalls, highest, current, stalledSince is not null, stalledSince,
            ForumReportOf(tasks, completedAt),
            forumReportAsked ? tasks.LastOrDefault(t => t.Step == LifecycleConventions.ForumReportStep)?.DueAt : null,
            VerdictOf(tasks, completedAt));
    }

    private static ForumReport? ForumReportOf(IReadOnlyList<WorkflowTaskInfo> tasks, Dictionary<string, DateTimeOffset> completedAt)
    {
        var task = CompletedTask(tasks, LifecycleConventions.ForumReportStep, completedAt, out var at);
        if (task is null)
        {
            return null;
        }
        var (status, note) = StatusAndNote(task.ResultJson);
        return new ForumReport(at, status, note, task.DueAt);
    }

    private static ReviewVerdict VerdictOf(IReadOnlyList<WorkflowTaskInfo> tasks, Dictionary<string, DateTimeOffset> completedAt)
    {
        var task = CompletedTask(tasks, LifecycleConventions.YearEndReviewStep, completedAt, out var at);
        if (task is null)
        {
            return ReviewVerdict.NotReviewed;
        }
        var (status, note) = StatusAndNote(task.ResultJson);
        // A review whose result names no valid status did not give a final status: it counts as not reviewed.
        return Commitments.CommitmentStatuses.IsValid(status) ? new ReviewVerdict(status, note, at) : ReviewVerdict.NotReviewed;
    }

    /// <summary>The task of that step completed by the moment (its journal line says when), the latest if several.</summary>
    private static WorkflowTaskInfo? CompletedTask(
        IReadOnlyList<WorkflowTaskInfo> tasks, string step, Dictionary<string, DateTimeOffset> completedAt, out DateTimeOffset at)
    {
        at = default;
        if (!completedAt.TryGetValue(step, out var when))
        {
            return null;
        }
        at = when;
        return tasks.LastOrDefault(t => t.Step == step && t.Status == "completed");
    }

    /// <summary>The <c>status</c> and <c>note</c> of a task result, as the progress-report and review forms give them.</summary>
    private static (string? Status, string? Note) StatusAndNote(string? resultJson)
    {
        if (string.IsNullOrWhiteSpace(resultJson))
        {
            return (null, null);
        }
        try
        {
            using var result = JsonDocument.Parse(resultJson);
            if (result.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, result.RootElement.ToString());
            }
            return (Property(result.RootElement, "status"), Property(result.RootElement, "note"));
        }
        catch (JsonException)
        {
            return (null, resultJson);
        }
    }

    private static string? Property(JsonElement result, string name) =>
        result.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The level of an <c>escalated</c> journal line, whose outcome reads "level 2 to tenant-coordinator: …".</summary>
    private static int? EscalationLevel(string? outcome) =>
        outcome is not null && LevelPattern().Match(outcome) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@"^level (\d{1,3}) ")]
    private static partial Regex LevelPattern();
}
