using Network.Contracts.Commitments;

namespace Network.Web.Commitments;

/// <summary>
/// Where a commitment's page is. The first segment is the tenant it is seen from (the viewer's, or one of its
/// subtree), as in the HTTP API: an owner sees a commitment of another home through its own tenant.
/// </summary>
public static class CommitmentLinks
{
    public static string Page(string scope, CommitmentSummaryResource commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        return Page(scope, commitment.Id);
    }

    public static string Page(string scope, string commitmentId) =>
        $"/commitments/{Uri.EscapeDataString(scope)}/{Uri.EscapeDataString(commitmentId)}";
}
