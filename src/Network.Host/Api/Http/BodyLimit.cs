using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Network.Host.Hosting;

namespace Network.Host.Api.Http;

/// <summary>
/// A request-body limit of one endpoint, in place of the host's (<see cref="ApiOptions.MaxRequestBodyBytes"/>):
/// larger or smaller. A body that says it is larger is refused before it is read; one that grows past the limit while
/// being read is cut off by Kestrel. Either way 413 problem+json naming the limit.
/// </summary>
public static class BodyLimit
{
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder endpoint, Func<ApiOptions, long> limit, string what)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(limit);
        return endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var bytes = limit(http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value);
            if (http.Request.ContentLength > bytes)
            {
                throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "The body is too large.",
                    string.Create(CultureInfo.InvariantCulture, $"{what} is at most {bytes:N0} bytes; this one is {http.Request.ContentLength:N0}."), "body");
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = bytes;
            }
            return await next(context);
        }).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }
}
