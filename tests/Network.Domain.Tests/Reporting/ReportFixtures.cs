using System.Text.Json.Nodes;
using Network.Domain.Commitments;
using Network.Domain.Reporting;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Workflows.Definitions;
using Network.Workflows.Loading;
using Network.Workflows.Simulation;

namespace Network.Domain.Tests.Reporting;

/// <summary>Commitments with history at chosen dates, and the network's own lifecycle simulated over them on a virtual clock.</summary>
internal static class ReportFixtures
{
    public static readonly DateTimeOffset Recorded = new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Day(int day) => Recorded.AddDays(day);

    public static CommitmentDraft Draft(string id, int period = 1, int ordinal = 1, string status = CommitmentStatuses.NotStarted,
        DateOnly? dueOn = null, IReadOnlyList<CommitmentMilestone>? milestones = null, IReadOnlyList<CommitmentOwner>? owners = null) =>
        new(id, "s1", "Session one", period, "GFMD 2017", ordinal, $"Text of {id}", "TMP", dueOn ?? new DateOnly(2017, 6, 30),
            milestones ?? [], owners ?? [new CommitmentOwner("Transnational Migrant Platform", "network/tmp")], [], null, null, null, status);

    public static CommitmentSnapshot Snapshot(CommitmentDraft draft, params (int Day, string Status, string? Note, string? Evidence)[] progress)
    {
        var history = new List<CommitmentHistoryEntry> { new(Recorded, "imported", "system", draft.Status, "Imported", null) };
        history.AddRange(progress.Select(p => new CommitmentHistoryEntry(Day(p.Day), "progress", "network/tmp key k1", p.Status, p.Note, p.Evidence)));
        var lines = history.Select((entry, i) => new CommitmentHistoryLine(i + 1, entry)).ToList();
        var lastProgress = history.Where(h => h.Kind == "progress").Select(h => (DateTimeOffset?)h.At).Max();
        return new CommitmentSnapshot(TenantPath.Parse("network"), draft, history[^1].Status, lines, Recorded, history[^1].At, lines.Count, lastProgress);
    }

    /// <summary>The whole history of a snapshot made here (which carries all of it).</summary>
    public static IReadOnlyList<CommitmentHistoryEntry> History(CommitmentSnapshot snapshot) =>
        snapshot.RecentHistory.Select(line => line.Entry).ToList();

    public static CommitmentSource Source(CommitmentSnapshot snapshot) => new(snapshot, History(snapshot), [], []);

    /// <summary>
    /// Runs workflows/commitment-lifecycle.yaml for the commitment over a virtual year, with its progress as
    /// <c>ProgressReported</c> events and the given task answers, and pairs the commitment with the journal and tasks.
    /// </summary>
    public static CommitmentSource Followed(CommitmentSnapshot snapshot, DateTimeOffset until, params SimulatedEvent[] taskAnswers)
    {
        var draft = snapshot.Draft;
        var inputs = new JsonObject
        {
            ["commitmentId"] = draft.Id,
            ["tenantId"] = "network",
            ["dueAt"] = draft.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T00:00:00Z",
            ["reviewAt"] = $"{draft.DueOn.Year}-12-31T00:00:00Z",
        };
        var events = History(snapshot).Where(h => h.Kind == "progress")
            .Select(h => new SimulatedEvent(h.At, "ProgressReported", new JsonObject { ["commitmentId"] = draft.Id, ["status"] = h.Status }))
            .Concat(taskAnswers)
            .ToList();
        var result = WorkflowSimulator.Run(Lifecycle.Value, Recorded, until, inputs, events: events);
        return new CommitmentSource(snapshot, History(snapshot),
            result.State.Journal.Select(WorkflowInstanceGrain.ToLine).ToList(),
            result.State.Tasks.Select(WorkflowInstanceGrain.ToInfo).ToList());
    }

    public static SimulatedEvent Answer(string step, DateTimeOffset at, string status, string note) =>
        new(at, WorkflowSimulator.TaskCompletionPrefix + step, new JsonObject { ["status"] = status, ["note"] = note });

    private static readonly Lazy<WorkflowDefinition> Lifecycle = new(() =>
    {
        var result = WorkflowLoader.LoadFileAsync(Path.Combine(AppContext.BaseDirectory, "workflows", "commitment-lifecycle.yaml")).GetAwaiter().GetResult();
        Assert.True(result.Succeeded, string.Join('\n', result.Errors));
        return result.Definition!;
    });
}
