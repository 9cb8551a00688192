using Network.Host.Api.Auth;

namespace Network.Host.Api.Http;

/// <summary>
/// What every API endpoint shares: a key is required, integration keys are refused, the key's caller is entered for
/// the domain services (<see cref="CallerContextFilter"/>), refusals are problems.
/// </summary>
public static class EndpointConventions
{
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.RequireAuthorization()
            .AddEndpointFilter<RejectIntegrationKeys>()
            .AddEndpointFilter<CallerContextFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }

    /// <summary>The same as <see cref="RequireApiKey"/>, for a single endpoint outside a group.</summary>
    public static RouteHandlerBuilder RequireApiKeyOn(this RouteHandlerBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.RequireAuthorization()
            .AddEndpointFilter<RejectIntegrationKeys>()
            .AddEndpointFilter<CallerContextFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>The refusals of an endpoint that reads a JSON body.</summary>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
