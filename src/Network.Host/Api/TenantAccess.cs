using Network.Domain.Errors;
using Network.Domain.Tenancy;
using Network.Domain.Tenants;

namespace Network.Host.Api;

/// <summary>Finds the tenant a route names, for the caller of the request, or refuses with the right problem.</summary>
public static class TenantAccess
{
    /// <summary>400 for a malformed id; 404 for a tenant that does not exist or is out of the caller's reach.</summary>
    public static async Task<ITenantGrain> RequireAsync(TenantDirectory directory, string tenantId, TenantCaller caller, string field = "id")
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = await RequirePathAsync(directory, tenantId, caller, field);
        return directory.Grain(path);
    }

    /// <summary>The path of the tenant the route names; refuses as <see cref="RequireAsync"/> does.</summary>
    public static async Task<TenantPath> RequirePathAsync(TenantDirectory directory, string tenantId, TenantCaller caller, string field = "tenant")
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!TenantIds.IsValid(tenantId))
        {
            throw ApiProblemException.BadRequest(field,
                $"'{tenantId}' is not a valid tenant id: use 2 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit.");
        }
        return await directory.FindPathAsync(tenantId, caller)
            ?? throw new DomainNotFoundException($"No tenant '{tenantId}' is visible to this key.");
    }

    /// <summary>403 unless the key is a coordinator's: some actions are for coordinators whatever the tenant.</summary>
    public static void RequireCoordinator(TenantCaller caller, string action)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role != TenantRole.Coordinator)
        {
            throw new RoleForbiddenException($"Only a coordinator may {action}.");
        }
    }
}
