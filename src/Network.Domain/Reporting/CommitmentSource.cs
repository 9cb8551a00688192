using Network.Domain.Commitments;
using Network.Domain.Workflows;

namespace Network.Domain.Reporting;

/// <summary>What a report reads for one commitment: the commitment with its history, and the workflow following it.</summary>
/// <param name="History">The commitment's whole history, oldest first (its snapshot carries only the latest).</param>
/// <param name="Journal">The lifecycle instance's journal, oldest first (empty when no workflow follows it).</param>
/// <param name="Tasks">The lifecycle instance's tasks.</param>
public sealed record CommitmentSource(
    CommitmentSnapshot Commitment,
    IReadOnlyList<CommitmentHistoryEntry> History,
    IReadOnlyList<WorkflowJournalLine> Journal,
    IReadOnlyList<WorkflowTaskInfo> Tasks);
