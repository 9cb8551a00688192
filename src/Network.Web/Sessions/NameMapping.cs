namespace Network.Web.Sessions;

/// <summary>A name from a report that should resolve to <paramref name="TenantId"/> from now on (added as its alias).</summary>
public sealed record NameMapping(string Name, string TenantId);
