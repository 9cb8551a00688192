namespace Network.Domain.Storage;

/// <summary>The append-only logs grains write beside their state; each is a table of the same name.</summary>
public static class StateLogs
{
    /// <summary>A workflow instance's journal: every step started, completed, failed, every event and timer.</summary>
    public const string WorkflowJournal = "workflow_journal";

    /// <summary>A commitment's history: every progress update, owner change and import, with who and why.</summary>
    public const string CommitmentHistory = "commitment_history";

    /// <summary>
    /// The events a wait-index entry keeps for waits that do not exist yet. A row's <c>at</c> is when the event stops
    /// being kept; the state store deletes rows past it.
    /// </summary>
    public const string KeptEvents = "kept_event";

    public static IReadOnlyList<string> All { get; } = [WorkflowJournal, CommitmentHistory, KeptEvents];

    /// <summary>Logs whose rows the state store deletes once their <c>at</c> has passed (the others are kept for good).</summary>
    public static IReadOnlyList<string> ExpiringAtTheirTime { get; } = [KeptEvents];

    /// <summary>
    /// The logs whose rows no grain numbers: the store does, after the owner's last row
    /// (<see cref="IStateLogWriter.AppendOnceAsync"/>; on PostgreSQL from the log's sequence, <c>{log}_seq</c>). Each
    /// row also carries an id (<c>item_key</c>, unique per owner), so an entry is appended once per id. A grain's
    /// unit writes no rows to these.
    /// </summary>
    public static IReadOnlyList<string> NumberedByTheStore { get; } = [KeptEvents];

    /// <summary>Throws unless <paramref name="log"/> is one of <see cref="All"/> (a log name becomes a table name).</summary>
    public static string Checked(string log) => All.Contains(log, StringComparer.Ordinal)
        ? log
        : throw new ArgumentException($"'{log}' is not one of the state logs ({string.Join(", ", All)}).", nameof(log));
}
