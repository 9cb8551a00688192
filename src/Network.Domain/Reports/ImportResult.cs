using Network.Domain.Commitments;
using Network.Domain.Sessions;

namespace Network.Domain.Reports;

/// <summary>
/// What an import made (or, on a dry run, would make): the session, its commitments, and the names in the report
/// that matched no tenant.
/// </summary>
public sealed record ImportResult(
    SessionDraft Session,
    IReadOnlyList<CommitmentDraft> Commitments,
    IReadOnlyList<string> UnresolvedNames,
    bool DryRun);
