using Network.Domain.Tenancy;

namespace Network.Domain.Links;

/// <summary>
/// The link grains serve the engine only (start-up, grains handing on events): no tenant's key may list the links
/// or fill another tenant's outbox, even from inside the cluster.
/// </summary>
internal static class EngineOnly
{
    public static void Require(string what)
    {
        if (TenantCallContext.Current is not { IsSystem: true })
        {
            throw new TenantAccessDeniedException(what);
        }
    }
}
