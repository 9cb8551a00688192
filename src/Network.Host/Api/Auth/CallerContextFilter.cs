using Network.Domain.Audit;
using Network.Domain.Tenancy;

namespace Network.Host.Api.Auth;

/// <summary>
/// Enters the request's caller (its API key's tenant and role) into <see cref="TenantCallContext"/> once, around the
/// endpoint, so the domain services and the grains they call know who asks; and the key (with its label) as the
/// audit trail's actor. Endpoints never enter a caller themselves.
/// </summary>
public sealed class CallerContextFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var caller = context.HttpContext.Caller();
        using var _ = TenantCallContext.Enter(caller);
        using var __ = AuditActor.Enter(AuditActor.ForKey(caller, context.HttpContext.KeyLabelOf(), AuditDoors.Http));
        return await next(context);
    }
}
