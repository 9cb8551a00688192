using Network.Domain.Errors;

namespace Network.Domain.Commitments;

/// <summary>The checks on a progress update's free-text fields.</summary>
public static class ProgressRules
{
    public const int MaxNoteLength = 4000;

    public static string? Note(string? note) => TextRules.Optional(note, "note", MaxNoteLength);

    /// <summary>An absolute http(s) link, or nothing.</summary>
    public static string? EvidenceUrl(string? url) => TextRules.OptionalLink(url, "evidenceUrl");
}
