using Network.Domain.Tenancy;
using Network.Host.Api.Http;

namespace Network.Host.Api.Auth;

/// <summary>Integration keys are for messages from a tenant's own systems; the HTTP API refuses them.</summary>
public sealed class RejectIntegrationKeys : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HttpContext.Caller().Role == TenantRole.Integration)
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "This key's role may not do that.",
                "An integration key may only send messages; use a coordinator or member key for the HTTP API.", "Authorization");
        }
        return next(context);
    }
}
