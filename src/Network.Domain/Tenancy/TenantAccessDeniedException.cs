namespace Network.Domain.Tenancy;

/// <summary>
/// A caller tried to reach a tenant outside its subtree. The API answers 404, exactly as for a tenant that does not
/// exist, so ids do not leak.
/// </summary>
[GenerateSerializer]
public sealed class TenantAccessDeniedException(string tenantPath)
    : Exception($"The caller may not reach tenant '{tenantPath}'.")
{
    [Id(0)] public string TenantPath { get; } = tenantPath;
}
