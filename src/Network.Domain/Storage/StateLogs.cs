namespace Network.Domain.Storage;

/// <summary>The append-only logs grains write beside their state; each is a table of the same name.</summary>
public static class StateLogs
{
    /// <summary>A workflow instance's journal: every step started, completed, failed, every event and timer.</summary>
    public const string WorkflowJournal = "workflow_journal";

    /// <summary>A commitment's history: every progress update, owner change and import, with who and why.</summary>
    public const string CommitmentHistory = "commitment_history";

    public static IReadOnlyList<string> All { get; } = [WorkflowJournal, CommitmentHistory];

    /// <summary>Throws unless <paramref name="log"/> is one of <see cref="All"/> (a log name becomes a table name).</summary>
    public static string Checked(string log) => All.Contains(log, StringComparer.Ordinal)
        ? log
        : throw new ArgumentException($"'{log}' is not one of the state logs ({string.Join(", ", All)}).", nameof(log));
}
