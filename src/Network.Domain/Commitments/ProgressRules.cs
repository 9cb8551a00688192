using Network.Domain.Errors;
using Network.Domain.Tenancy;

namespace Network.Domain.Commitments;

/// <summary>Who may report progress on a commitment, and the checks on a progress update's free-text fields.</summary>
public static class ProgressRules
{
    public const int MaxNoteLength = 4000;

    /// <summary>
    /// The one rule for progress reports, whichever door they come through (HTTP, web app, bus): a key that reaches
    /// one of the owners (its member or integration key, or a coordinator above it), or a coordinator over the home
    /// tenant. A home member who owns nothing may not; to it the commitment is not there.
    /// </summary>
    public static bool MayReport(TenantCaller caller, TenantPath home, IEnumerable<TenantPath> owners)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(owners);
        return caller.IsSystem || owners.Any(caller.CanReach) || (caller.Role == TenantRole.Coordinator && caller.CanReach(home));
    }

    public static string? Note(string? note) => TextRules.Optional(note, "note", MaxNoteLength);

    /// <summary>An absolute http(s) link, or nothing.</summary>
    public static string? EvidenceUrl(string? url) => TextRules.OptionalLink(url, "evidenceUrl");
}
