using Network.Domain.Tenancy;

namespace Network.Domain.Commitments;

/// <summary>
/// One commitment, keyed by its home tenant's path and its id (<see cref="TenantScopedKey"/>). Its owners may reach
/// it too (it is an <see cref="ITenantSharedGrain"/>).
/// </summary>
public interface ICommitmentGrain : ITenantScopedGrain
{
    /// <summary>Records the commitment from an import. Importing again returns the commitment as it is.</summary>
    Task<CommitmentSnapshot> Import(CommitmentDraft draft);

    /// <summary>The commitment with the latest of its history, or null when none was recorded under this key.</summary>
    Task<CommitmentSnapshot?> Describe();

    /// <summary>
    /// The history entries numbered after <paramref name="afterSeq"/> (0: from the first), oldest first, at most
    /// <paramref name="limit"/>: read from the history table, not kept by the grain.
    /// </summary>
    Task<IReadOnlyList<CommitmentHistoryLine>> ReadHistory(long afterSeq, int limit);

    /// <summary>Appends a progress update; an owner's member key or a coordinator above an owner or the home.</summary>
    Task<CommitmentSnapshot> ReportProgress(ProgressUpdate update);

    /// <summary>
    /// Whether a change with this message id was applied (within <see cref="Network.Domain.Storage.StateKeySets.Retention"/>),
    /// so sending it again would change nothing. Anyone who reaches the commitment may ask.
    /// </summary>
    Task<bool> HasApplied(string messageId);

    /// <summary>Records that the caller's tenant wants to take part (history kind "interest"); an owner or anyone reaching the home.</summary>
    Task<CommitmentSnapshot> ExpressInterest(InterestExpression interest);

    /// <summary>Replaces the owners; coordinators over the home tenant only. Recorded in the history.</summary>
    Task<CommitmentSnapshot> AssignOwners(IReadOnlyList<CommitmentOwner> owners, string? note);
}
