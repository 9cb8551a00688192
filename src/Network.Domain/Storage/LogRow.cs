namespace Network.Domain.Storage;

/// <summary>
/// A line a grain appends to one of the append-only logs (<see cref="StateLogs"/>): written once, never rewritten,
/// in the same transaction as the grain's state snapshot, so the snapshot stays the size its next step needs while the
/// history grows in its own table.
/// </summary>
/// <param name="Log">Which log (<see cref="StateLogs.WorkflowJournal"/>, <see cref="StateLogs.CommitmentHistory"/>).</param>
/// <param name="Owner">The grain's key: the instance or commitment the line belongs to.</param>
/// <param name="Seq">1, 2, 3, … per owner, in the order of the log.</param>
/// <param name="At">When the line happened (for operators reading the table, and for retention).</param>
/// <param name="EntryJson">The line as JSON (the same shape the grain kept in its state before it had a log).</param>
public sealed record LogRow(string Log, string Owner, long Seq, DateTimeOffset At, string EntryJson);
