namespace Network.Domain.Commitments;

/// <summary>Which commitments of a subtree to list: each filter narrows; paging by offset and limit (1-200).</summary>
/// <param name="Owner">A tenant id: only commitments it (or a tenant below it) owns.</param>
/// <param name="DueBefore">Only commitments due strictly before this date.</param>
/// <param name="Session">A session id: only that session's commitments.</param>
/// <param name="Search">Text the commitment's id or summary contains, in any case (e.g. to pick commitments for a campaign).</param>
public sealed record CommitmentFilter(
    string? Status = null, int? Period = null, string? Owner = null, DateOnly? DueBefore = null, string? Session = null,
    int Offset = 0, int Limit = 50, string? Search = null);
