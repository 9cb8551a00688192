using Network.Domain.Tenancy;

namespace Network.Host.ReadModel;

/// <summary>
/// A tenant path as a SQL filter: "X is in scope S" is X = S or X starts with S + '/'. The second half is asked as
/// the range S + '/' &lt;= X &lt; S + '0' ('0' is the character right after '/'), which a B-tree index on X serves and
/// which needs no LIKE escaping. It relies on byte-order comparison: SQLite's default collation, and COLLATE "C"
/// on the PostgreSQL columns. So <c>network/tm</c> never matches <c>network/tmp</c>.
/// </summary>
internal readonly record struct TenantScope
{
    private TenantScope(string path) => Path = path;

    /// <summary>The tenant path, e.g. <c>network/tmp</c>.</summary>
    public string Path { get; }

    /// <summary>The smallest path strictly below <see cref="Path"/>: <c>network/tmp/</c>.</summary>
    public string DescendantsFrom => Path + TenantPath.Separator;

    /// <summary>The first string past every descendant of <see cref="Path"/>: <c>network/tmp0</c>.</summary>
    public string DescendantsTo => Path + (char)(TenantPath.Separator + 1);

    /// <summary>Checks that <paramref name="path"/> is a tenant path (ids of a-z, 0-9 and '-', joined by '/').</summary>
    /// <exception cref="ArgumentException">It is empty or not a tenant path.</exception>
    public static TenantScope Parse(string path, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(path, parameterName);
        foreach (var segment in path.Split(TenantPath.Separator))
        {
            if (!TenantIds.IsValid(segment))
            {
                throw new ArgumentException($"'{path}' is not a tenant path: segment '{segment}' is not a tenant id.", parameterName);
            }
        }
        return new TenantScope(path);
    }

    /// <summary>Adds this scope's three parameters, named <paramref name="prefix"/>, <c>{prefix}_from</c> and <c>{prefix}_to</c>.</summary>
    public void AddParameters(string prefix, ICollection<KeyValuePair<string, object>> parameters)
    {
        parameters.Add(new(prefix, Path));
        parameters.Add(new(prefix + "_from", DescendantsFrom));
        parameters.Add(new(prefix + "_to", DescendantsTo));
    }

    /// <summary>The condition "<paramref name="column"/> is in the scope whose parameters are named after <paramref name="prefix"/>".</summary>
    public static string Condition(string column, string prefix) =>
        $"({column} = @{prefix} OR ({column} >= @{prefix}_from AND {column} < @{prefix}_to))";
}
