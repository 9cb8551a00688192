namespace Network.Domain.Commitments;

/// <summary>
/// How much of a commitment's history travels with it. A commitment followed for years over a partner's link can
/// gather thousands of entries; the grain keeps and answers only the latest, and the rest is read a page at a time
/// from the history table (<c>GET …/commitments/{id}/history</c>), so memory and answers stay bounded.
/// </summary>
public static class CommitmentHistoryWindow
{
    /// <summary>The latest entries a commitment holds in memory and carries in its snapshot and resource.</summary>
    public const int Recent = 50;

    /// <summary>The most entries one page of the history holds.</summary>
    public const int MaxPage = 1000;
}
