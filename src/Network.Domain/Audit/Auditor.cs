using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Network.Domain.Tenancy;

namespace Network.Domain.Audit;

/// <summary>
/// The one home of "record this change": a domain service runs each change it makes inside
/// <see cref="ChangeAsync{T}"/>, naming the action and its target. The change's "done" line is committed with the
/// first state the change writes (<see cref="AuditOperation"/>); a refusal (<see cref="AuditRefusals"/>) is recorded
/// here, on its own, before the caller hears it — including a foreign key reaching for a tenant it may not see.
/// </summary>
public sealed partial class Auditor(IAuditTrail trail, TenantDirectory directory, TimeProvider clock, ILogger<Auditor> logger)
{
    public async Task<T> ChangeAsync<T>(string action, string tenantId, string target, Func<Task<T>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var done = await DeclareAsync(action, tenantId, target);
        using (AuditOperation.Enter(done))
        {
            try
            {
                return await change();
            }
            catch (Exception exception) when (AuditRefusals.IsRefusal(exception))
            {
                await RecordRefusalAsync(done, exception);
                throw;
            }
        }
    }

    public Task ChangeAsync(string action, string tenantId, string target, Func<Task> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ChangeAsync<bool>(action, tenantId, target, async () =>
        {
            await change();
            return true;
        });
    }

    private async Task<AuditEntry> DeclareAsync(string action, string tenantId, string target)
    {
        var actor = AuditActor.Resolve();
        // The tenant's path, found with the engine's authority: a foreign key's refused attempt is recorded in the
        // tenant it reached for, where that tenant's coordinators see it.
        var path = TenantIds.IsValid(tenantId) ? await directory.FindPathAsync(tenantId, TenantCaller.System) : null;
        // A bus message delivered again declares the same id, so its change is recorded once.
        var id = actor.MessageId is { } messageId
            ? $"msg:{actor.Tenant}:{messageId}:{action}:{target}"
            : Guid.NewGuid().ToString("N");
        return new AuditEntry(id, clock.GetUtcNow(), path?.Value, tenantId, actor, action, target, AuditOutcomes.Done, null,
            Activity.Current?.TraceId.ToHexString());
    }

    private async Task RecordRefusalAsync(AuditEntry done, Exception refusal)
    {
        try
        {
            await trail.RecordAsync(done with
            {
                Id = done.Id + "/refused",
                At = clock.GetUtcNow(),
                Outcome = AuditOutcomes.Refused,
                Reason = AuditRefusals.Reason(refusal),
            });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The caller still hears its refusal; an unrecorded refusal is logged with everything the line would hold.
            LogRefusalNotRecorded(logger, exception, done.Action, done.TenantId, done.Target, done.Actor.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A refused {Action} of {Target} in tenant {Tenant} by {Actor} could not be added to the audit trail")]
    private static partial void LogRefusalNotRecorded(ILogger logger, Exception exception, string action, string tenant, string target, string actor);
}
