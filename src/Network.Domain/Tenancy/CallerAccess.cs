using Network.Domain.Errors;

namespace Network.Domain.Tenancy;

/// <summary>
/// What every domain service asks first: who is calling (from <see cref="TenantCallContext"/>, fail closed), which
/// tenant the call names and whether the caller reaches it, and whether the caller's role may do the thing at all.
/// </summary>
public sealed class CallerAccess(TenantDirectory directory)
{
    public TenantDirectory Directory { get; } = directory;

    /// <summary>The caller of this call; none entered means nobody vouched for it, so nothing is reachable.</summary>
    public static TenantCaller Caller =>
        TenantCallContext.Current ?? throw new TenantAccessDeniedException("(no caller was entered for this call)");

    /// <summary>The path of the tenant a call names: 400 when the id is malformed, not-found when it does not exist or is out of reach.</summary>
    public async Task<TenantPath> TenantAsync(string tenantId, string field = "tenant")
    {
        var caller = Caller;
        TenantIds.EnsureValid(tenantId, field);
        return await Directory.FindPathAsync(tenantId, caller)
            ?? throw new DomainNotFoundException($"No tenant '{tenantId}' is visible to this key.");
    }

    /// <summary>Some actions are for coordinators whatever the tenant: anyone else gets a 403.</summary>
    public static void RequireCoordinator(string action)
    {
        var caller = Caller;
        if (!caller.IsSystem && caller.Role != TenantRole.Coordinator)
        {
            throw new RoleForbiddenException($"Only a coordinator may {action}.");
        }
    }
}
