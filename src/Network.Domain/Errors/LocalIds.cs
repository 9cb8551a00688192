using System.Text.RegularExpressions;

namespace Network.Domain.Errors;

/// <summary>Ids of things inside a tenant (sessions, commitments, campaigns, instances): lower-case words joined by '-'.</summary>
public static partial class LocalIds
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,119}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static void EnsureValid(string? id, string field)
    {
        if (id is null || !Shape().IsMatch(id))
        {
            throw new DomainValidationException(field, $"'{id}' is not a valid id: use up to 120 characters of a-z, 0-9 and '-'.");
        }
    }
}
