using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Contracts.Tenants;

namespace Network.Host.Tests.Infrastructure;

/// <summary>Small helpers over the HTTP API, so tests read as what they check.</summary>
public static class Api
{
    public static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public static async Task<TenantResource> CreateTenantAsync(this HttpClient client, string id, string name, string kind, string parent)
    {
        using var response = await client.PostAsJsonAsync("api/tenants", new CreateTenantRequest(id, name, kind, parent));
        await EnsureStatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<TenantResource>())!;
    }

    public static async Task<CreatedApiKeyResource> IssueKeyAsync(this HttpClient client, string tenantId, string role, string label = "test")
    {
        using var response = await client.PostAsJsonAsync($"api/tenants/{tenantId}/keys", new CreateApiKeyRequest(role, label));
        await EnsureStatusAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyResource>())!;
    }

    /// <summary>Records compare lists by reference; tenants are the same when their fields and aliases are.</summary>
    public static void AssertSameTenant(TenantResource expected, TenantResource? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected with { Aliases = null }, actual with { Aliases = null });
        Assert.Equal(expected.Aliases ?? [], actual.Aliases ?? []);
    }

    public static async Task EnsureStatusAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Asserts a problem+json answer with the status, and returns its parsed body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await EnsureStatusAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The fields a problem's "errors" names, i.e. where the request was wrong.</summary>
    public static IReadOnlyList<string> ErrorFields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(e => e.Name).ToList()
            : [];
}
