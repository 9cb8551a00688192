using Network.Domain.Tenancy;

namespace Network.Host.Api.Auth;

/// <summary>
/// Enters the request's caller (its API key's tenant and role) into <see cref="TenantCallContext"/> once, around the
/// endpoint, so the domain services and the grains they call know who asks. Endpoints never enter a caller themselves.
/// </summary>
public sealed class CallerContextFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        using var _ = TenantCallContext.Enter(context.HttpContext.Caller());
        return await next(context);
    }
}
