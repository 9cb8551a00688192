namespace Network.Domain.Errors;

/// <summary>The one place free text from a client is trimmed and bounded; refusals name the field.</summary>
public static class TextRules
{
    /// <summary>Trimmed text; blank or missing is refused.</summary>
    public static string Required(string? value, string field, int maxLength) =>
        Optional(value, field, maxLength) ?? throw new DomainValidationException(field, $"'{field}' is required and may not be blank.");

    /// <summary>Trimmed text, or null when blank or missing.</summary>
    public static string? Optional(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return trimmed.Length <= maxLength
            ? trimmed
            : throw new DomainValidationException(field, $"'{field}' is {trimmed.Length} characters long; at most {maxLength} are allowed.");
    }

    /// <summary>An absolute http(s) link, or null when blank or missing.</summary>
    public static string? OptionalLink(string? value, string field)
    {
        var trimmed = Optional(value, field, 2000);
        if (trimmed is null)
        {
            return null;
        }
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.ToString()
            : throw new DomainValidationException(field, $"'{value}' is not an absolute http or https link.");
    }
}
