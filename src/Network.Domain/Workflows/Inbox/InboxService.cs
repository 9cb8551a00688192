using Network.Contracts.Workflows;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>A tenant's inbox: what workflows addressed to it (notifications, escalations, tasks), newest first.</summary>
public sealed class InboxService(CallerAccess access, IGrainFactory grains)
{
    public static IReadOnlyList<string> Kinds { get; } = ["notification", "escalation", "task"];

    /// <param name="limit">1 to <see cref="TenantInboxGrain.Capacity"/> (the newest that many are kept).</param>
    public async Task<IReadOnlyList<InboxEntryResource>> ListAsync(string tenantId, string? kind = null, DateTimeOffset? since = null, int limit = ListPaging.DefaultLimit)
    {
        var path = await access.TenantAsync(tenantId);
        if (kind is not null && !Kinds.Contains(kind, StringComparer.Ordinal))
        {
            throw new DomainValidationException("kind", $"'{kind}' is not a kind of inbox entry: use {string.Join(", ", Kinds)}.");
        }
        ListPaging.InRange(limit, "limit", 1, TenantInboxGrain.Capacity);
        var entries = await grains.GetGrain<ITenantInboxGrain>(TenantInboxGrain.KeyFor(path)).List(kind, since, limit);
        return entries.Select(e => new InboxEntryResource(
            e.Id, e.Kind, e.At, TenantPath.Parse(e.HomeTenant).TenantId, e.InstanceId, e.Step, e.To, e.Message, e.Level, e.TaskId, e.DueAt)).ToList();
    }
}
