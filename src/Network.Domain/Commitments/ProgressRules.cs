using Network.Domain.Errors;

namespace Network.Domain.Commitments;

/// <summary>The checks on a progress update's free-text fields.</summary>
public static class ProgressRules
{
    public const int MaxNoteLength = 4000;

    public static string? Note(string? note)
    {
        var trimmed = note?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return trimmed.Length <= MaxNoteLength
            ? trimmed
            : throw new DomainValidationException("note", $"'note' is {trimmed.Length} characters long; at most {MaxNoteLength} are allowed.");
    }

    /// <summary>An absolute http(s) link, or nothing.</summary>
    public static string? EvidenceUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        return Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.ToString()
            : throw new DomainValidationException("evidenceUrl", $"'{url}' is not an absolute http or https link.");
    }
}
