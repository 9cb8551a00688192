namespace Network.Domain.Sessions;

/// <summary>A session as a subtree's list shows it: where it is at home, its title and date, and its commitments by status.</summary>
/// <param name="HomeTenantId">The id of the tenant the session was imported into.</param>
/// <param name="Commitments">How many of its commitments are in the caller's view (home or owner in the subtree).</param>
public sealed record SessionListItem(
    string HomeTenantId, string SessionId, string Title, DateOnly? Date, int Commitments, IReadOnlyDictionary<string, int> ByStatus);
