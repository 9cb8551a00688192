using System.Text.RegularExpressions;

namespace Network.Domain.Tenancy;

/// <summary>The rules for a tenant id: it is part of every grain key and URL, so it stays short and plain.</summary>
public static partial class TenantIds
{
    public const string Pattern = "^[a-z0-9][a-z0-9-]{1,62}$";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool IsValid(string? id) => id is not null && Shape().IsMatch(id);

    /// <summary>Throws a <see cref="Errors.DomainValidationException"/> naming <paramref name="field"/> when the id is malformed.</summary>
    public static void EnsureValid(string? id, string field)
    {
        if (!IsValid(id))
        {
            throw new Errors.DomainValidationException(field,
                $"'{id}' is not a valid tenant id: use 2 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit.");
        }
    }
}
