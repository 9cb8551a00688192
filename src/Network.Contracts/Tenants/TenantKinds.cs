namespace Network.Contracts.Tenants;

/// <summary>The kinds a tenant can be, as they appear on the wire.</summary>
public static class TenantKinds
{
    public const string Network = "network";
    public const string Organisation = "organisation";
    public const string Platform = "platform";
    public const string Campaign = "campaign";

    public static IReadOnlyList<string> All { get; } = [Network, Organisation, Platform, Campaign];
}

/// <summary>The roles an API key can carry, as they appear on the wire.</summary>
public static class ApiKeyRoles
{
    /// <summary>The tenant and all its descendants.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>The key's own tenant only.</summary>
    public const string Member = "member";

    /// <summary>Messages from the tenant's own systems only; no HTTP API.</summary>
    public const string Integration = "integration";

    public static IReadOnlyList<string> All { get; } = [Coordinator, Member, Integration];
}
