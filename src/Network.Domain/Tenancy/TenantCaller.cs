namespace Network.Domain.Tenancy;

/// <summary>
/// Who is calling: the tenant and role of the API key behind a request (or message), or the engine itself.
/// It travels with every grain call in Orleans' request context (see <see cref="TenantCallContext"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TenantCaller
{
    [Id(0)] public TenantPath? Tenant { get; private init; }
    [Id(1)] public TenantRole Role { get; private init; }
    [Id(2)] public string? KeyId { get; private init; }
    [Id(3)] public bool IsSystem { get; private init; }

    /// <summary>The engine itself: start-up, key look-ups and timers. Never derived from anything a client sends.</summary>
    public static TenantCaller System { get; } = new() { IsSystem = true };

    public static TenantCaller ForKey(TenantPath tenant, TenantRole role, string keyId) =>
        new() { Tenant = tenant, Role = role, KeyId = keyId };

    /// <summary>
    /// True when this caller may touch data of <paramref name="target"/>: a coordinator its whole subtree,
    /// a member or integration key its own tenant only.
    /// </summary>
    public bool CanReach(TenantPath target)
    {
        if (IsSystem)
        {
            return true;
        }
        var own = Tenant!.Value;
        return Role == TenantRole.Coordinator ? own.Contains(target) : own == target;
    }

    public override string ToString() => IsSystem ? "system" : $"{Role.ToWire()}@{Tenant} (key {KeyId})";
}
