namespace Network.Domain.Tenancy;

/// <summary>
/// Marks a grain interface whose grains hold one tenant's data. Their string key starts with the tenant's path,
/// optionally followed by <see cref="TenantScopedKey.LocalSeparator"/> and a local id (e.g. <c>network/tmp|c-42</c>).
/// Every call to a method of such an interface is checked by <see cref="TenantIsolationFilter"/>.
/// </summary>
public interface ITenantScopedGrain : IGrainWithStringKey;

public static class TenantScopedKey
{
    public const char LocalSeparator = '|';

    public static string For(TenantPath tenant, string? localId = null) =>
        localId is null ? tenant.Value : tenant.Value + LocalSeparator + localId;

    /// <summary>The local id after the tenant path, e.g. <c>c-42</c> in <c>network/tmp|c-42</c>.</summary>
    public static string LocalIdOf(string grainKey)
    {
        ArgumentNullException.ThrowIfNull(grainKey);
        var cut = grainKey.IndexOf(LocalSeparator, StringComparison.Ordinal);
        return cut < 0 ? throw new ArgumentException($"'{grainKey}' has no local id.", nameof(grainKey)) : grainKey[(cut + 1)..];
    }

    /// <summary>The tenant path a tenant-scoped grain key starts with.</summary>
    public static TenantPath TenantOf(string grainKey)
    {
        var cut = grainKey.IndexOf(LocalSeparator, StringComparison.Ordinal);
        return TenantPath.Parse(cut < 0 ? grainKey : grainKey[..cut]);
    }
}
