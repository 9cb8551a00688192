namespace Network.Domain.Tenancy;

/// <summary>
/// Where a tenant sits in the tree: the ids from the root down, joined by '/', e.g. <c>network/tmp/europe</c>.
/// Grain keys carry this path, so reachability can be decided from a key alone, without a lookup.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct TenantPath
{
    public const char Separator = '/';

    [Id(0)] public string Value { get; }

    private TenantPath(string value) => Value = value;

    public static TenantPath Root(string rootId)
    {
        TenantIds.EnsureValid(rootId, "id");
        return new TenantPath(rootId);
    }

    /// <summary>Parses a path; every segment must be a valid tenant id.</summary>
    public static TenantPath Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        foreach (var segment in value.Split(Separator))
        {
            if (!TenantIds.IsValid(segment))
            {
                throw new FormatException($"'{value}' is not a tenant path: segment '{segment}' is not a tenant id.");
            }
        }
        return new TenantPath(value);
    }

    public TenantPath Child(string childId)
    {
        TenantIds.EnsureValid(childId, "id");
        return new TenantPath(Value + Separator + childId);
    }

    /// <summary>The id of the tenant this path leads to (its last segment).</summary>
    public string TenantId => Value[(Value.LastIndexOf(Separator) + 1)..];

    /// <summary>The parent's path, or null for a root.</summary>
    public TenantPath? Parent
    {
        get
        {
            var cut = Value.LastIndexOf(Separator);
            return cut < 0 ? null : new TenantPath(Value[..cut]);
        }
    }

    /// <summary>True when <paramref name="other"/> is this tenant or one of its descendants.</summary>
    public bool Contains(TenantPath other) =>
        other.Value.Length == Value.Length
            ? string.Equals(other.Value, Value, StringComparison.Ordinal)
            : other.Value.Length > Value.Length
              && other.Value[Value.Length] == Separator
              && other.Value.StartsWith(Value, StringComparison.Ordinal);

    public override string ToString() => Value;
}
