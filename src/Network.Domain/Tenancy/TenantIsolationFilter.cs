using Microsoft.Extensions.Logging;

namespace Network.Domain.Tenancy;

/// <summary>
/// Tenant isolation inside the silo: a call to a tenant-scoped grain goes through only when the caller in the
/// request context may reach the tenant in the grain's key. A call with no caller at all is refused too, so a
/// forgotten context fails closed. A grain that is shared beyond its home (<see cref="ITenantSharedGrain"/>) also
/// admits the tenants it names. Calls to methods of other interfaces (reminder ticks, Orleans' own) pass.
/// </summary>
public sealed partial class TenantIsolationFilter(ILogger<TenantIsolationFilter> logger) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var declaringInterface = context.InterfaceMethod?.DeclaringType;
        if (declaringInterface is null || !typeof(ITenantScopedGrain).IsAssignableFrom(declaringInterface))
        {
            return context.Invoke();
        }

        var target = TenantScopedKey.TenantOf(context.TargetId.Key.ToString()!);
        var caller = TenantCallContext.Current;
        if (caller is null
            || (!caller.CanReach(target)
                && !(context.TargetContext?.GrainInstance is ITenantSharedGrain shared && shared.IsSharedWith(caller))))
        {
            LogRefused(logger, caller?.ToString() ?? "nobody", context.TargetId.ToString(), context.InterfaceMethod!.Name);
            throw new TenantAccessDeniedException(target.Value);
        }
        return context.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Caller} calling {Grain}.{Method}: outside the caller's tenant subtree")]
    private static partial void LogRefused(ILogger logger, string caller, string grain, string method);
}
