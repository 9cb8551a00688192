using Network.Contracts.Tenants;
using Network.Domain.Errors;
using Network.Domain.Tenancy;

namespace Network.Domain.Tenants;

/// <summary>The checks a new tenant or key must pass before anything is written.</summary>
public static class TenantRules
{
    public const int MaxNameLength = 200;
    public const int MaxLabelLength = 100;

    public static NewTenant Validate(NewTenant request)
    {
        ArgumentNullException.ThrowIfNull(request);
        TenantIds.EnsureValid(request.Id, "id");
        var name = TextRules.Required(request.Name, "name", MaxNameLength);
        if (request.Kind is not (TenantKinds.Organisation or TenantKinds.Platform or TenantKinds.Campaign))
        {
            throw new DomainValidationException("kind",
                $"'{request.Kind}' is not a kind a child tenant can have: use organisation, platform or campaign.");
        }
        return request with { Name = name, Aliases = ValidateAliases(request.Aliases) };
    }

    public const int MaxAliases = 20;

    /// <summary>Trimmed, non-blank, at most <see cref="MaxAliases"/>, each at most <see cref="MaxNameLength"/> long; duplicates dropped.</summary>
    public static IReadOnlyList<string> ValidateAliases(IReadOnlyList<string>? aliases)
    {
        if (aliases is null)
        {
            return [];
        }
        if (aliases.Count > MaxAliases)
        {
            throw new DomainValidationException("aliases", $"{aliases.Count} aliases given; at most {MaxAliases} are allowed.");
        }
        return aliases
            .Select((alias, index) => TextRules.Required(alias, $"aliases[{index}]", MaxNameLength))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public static string ValidateLabel(string? label) => TextRules.Required(label, "label", MaxLabelLength);
}
