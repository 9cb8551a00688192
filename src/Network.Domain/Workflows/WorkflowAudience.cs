using System.Text.Json.Nodes;
using Network.Domain.Commitments;
using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// Turns the role a definition names in <c>notify</c>, <c>escalate</c> and <c>task</c> into the tenants it means for
/// one instance: <c>owners</c> (the owners of the commitment the instance is about, <c>input.commitmentId</c>),
/// <c>tenant-coordinator</c> (the instance's home tenant), <c>network-coordinator</c> (the root of the home tenant's
/// tree, the chair), or a tenant id. Always answers at least the home tenant, so nothing addressed is lost.
/// </summary>
public sealed class WorkflowAudience(IGrainFactory grains, TenantDirectory directory)
{
    public const string Owners = "owners";
    public const string TenantCoordinator = "tenant-coordinator";
    public const string NetworkCoordinator = "network-coordinator";

    public async Task<IReadOnlyList<TenantPath>> ResolveAsync(TenantPath home, JsonObject inputs, string to)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        switch (to)
        {
            case TenantCoordinator:
                return [home];
            case NetworkCoordinator:
                return [RootOf(home)];
            case Owners:
                return await CommitmentOwnersAsync(home, inputs) is { Count: > 0 } owners ? owners : [home];
            default:
                // A tenant id; one outside the home tenant's tree is not the instance's to address.
                var path = await directory.FindPathAsync(to, TenantCaller.System);
                return path is { } found && RootOf(found) == RootOf(home) ? [found] : [home];
        }
    }

    private static TenantPath RootOf(TenantPath path)
    {
        var root = path;
        while (root.Parent is { } parent)
        {
            root = parent;
        }
        return root;
    }

    private async Task<IReadOnlyList<TenantPath>> CommitmentOwnersAsync(TenantPath home, JsonObject inputs)
    {
        if (!inputs.TryGetPropertyValue("commitmentId", out var idNode) || idNode is not JsonValue value ||
            !value.TryGetValue<string>(out var commitmentId) || string.IsNullOrWhiteSpace(commitmentId))
        {
            return [];
        }
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        var snapshot = await grains.GetGrain<ICommitmentGrain>(TenantScopedKey.For(home, commitmentId)).Describe();
        return snapshot is null
            ? []
            : snapshot.Draft.Owners.Where(o => o.Tenant is not null).Select(o => TenantPath.Parse(o.Tenant!)).Distinct().ToList();
    }
}
