using System.Text.Json;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Api;

[Collection(SqliteHostCollection.Name)]
public sealed class OpenApiTests(SqliteHostFixture host)
{
    [Fact]
    public async Task The_document_describes_every_endpoint_with_schemas_and_error_responses()
    {
        using var anonymous = host.As("x");
        anonymous.DefaultRequestHeaders.Authorization = null;
        var document = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative))).RootElement;
        var paths = document.GetProperty("paths");

        var expected = new (string Path, string Method, string[] Errors)[]
        {
            ("/api/tenants", "post", ["400", "401", "403", "404", "409", "413", "415"]),
            ("/api/tenants/{id}", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{id}/children", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{id}/subtree", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{id}/keys", "post", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{id}/keys", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{id}/keys/{keyId}", "delete", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/sessions:import", "post", ["400", "401", "403", "404", "413", "415", "422"]),
            ("/api/tenants/{tenant}/sessions", "post", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{tenant}/sessions/{id}", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/commitments", "get", ["400", "401", "403", "404", "422"]),
            ("/api/tenants/{tenant}/commitments:progress-import", "post", ["400", "401", "403", "404", "413", "415", "422"]),
            ("/api/tenants/{tenant}/commitments/{id}", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/commitments/{id}/progress", "post", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{tenant}/commitments/{id}/owners", "put", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{id}/profile", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{id}/profile", "put", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{tenant}/campaigns", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/campaigns/{id}", "put", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{tenant}/campaigns/{id}", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/workflows", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/workflows/{id}", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/workflows:validate", "post", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{tenant}/workflows/{id}:simulate", "post", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{tenant}/workflow-instances", "post", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{tenant}/workflow-instances", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/tasks", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/tasks/{homeTenantId}/{instanceId}/{taskId}:complete", "post", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{tenant}/workflow-instances/{id}", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/workflow-instances/{id}/journal", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/workflow-instances/{id}/tasks", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/workflow-instances/{id}/tasks/{taskId}:complete", "post", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{tenant}/workflow-instances/{id}/incidents", "get", ["400", "401", "403", "404"]),
            ("/api/tenants/{tenant}/workflow-instances/{id}/incidents/{incidentId}", "post", ["400", "401", "403", "404", "413", "415"]),
            ("/api/tenants/{tenant}/workflow-instances/{id}:cancel", "post", ["400", "401", "403", "404", "413", "415"]),
            ("/health/live", "get", []),
            ("/health/ready", "get", ["503"]),
        };
        foreach (var (path, method, errors) in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"missing path {path}");
            Assert.True(item.TryGetProperty(method, out var operation), $"missing {method} {path}");
            var responses = operation.GetProperty("responses");
            foreach (var status in errors)
            {
                Assert.True(responses.TryGetProperty(status, out var response), $"{method} {path} does not describe {status}");
                if (status != "503")
                {
                    Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _),
                        $"{method} {path} {status} is not described as problem+json");
                }
            }
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var schema in new[] { "CreateTenantRequest", "TenantResource", "CreateApiKeyRequest", "CreatedApiKeyResource", "ApiKeySummaryResource", "ProblemDetails",
                     "SessionResource", "ImportResultResource", "CommitmentResource", "CommitmentPage", "ReportProgressRequest", "AssignOwnersRequest",
                     "WorkflowInstancePage", "WorkflowInstanceSummaryResource", "WorkflowTaskPage", "WorkflowTaskSummaryResource", "CompleteTaskRequest", "WorkflowTaskResource" })
        {
            Assert.True(schemas.TryGetProperty(schema, out _), $"missing schema {schema}");
        }
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("ApiKey", out _));

        // The list answers JSON or an XLSX download; the progress import takes either spreadsheet type.
        var list = paths.GetProperty("/api/tenants/{tenant}/commitments").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(list.TryGetProperty("application/json", out _));
        Assert.True(list.TryGetProperty("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out _));
        var upload = paths.GetProperty("/api/tenants/{tenant}/commitments:progress-import").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.Equal(["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"], upload.EnumerateObject().Select(p => p.Name));
    }
}
