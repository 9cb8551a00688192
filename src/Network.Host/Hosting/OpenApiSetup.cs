using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Network.Host.Hosting;

/// <summary>The OpenAPI document at /openapi/v1.json, with the bearer key scheme every /api endpoint needs.</summary>
public static class OpenApiSetup
{
    private const string SchemeName = "ApiKey";

    public static IServiceCollection AddNetworkOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Network API",
                    Version = "v1",
                    Description = "Tenants, keys and (later) commitments and workflows of a civil society network. " +
                                  "Every refusal is application/problem+json saying what was wrong and where.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key issued to a tenant: 'Authorization: Bearer <key>'.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
                    });
                }
                return Task.CompletedTask;
            });
        });
}
