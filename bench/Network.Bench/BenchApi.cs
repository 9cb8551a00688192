using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Tenants;

namespace Network.Bench;

/// <summary>The HTTP calls the scenarios set their data up with; a refusal stops the run, saying what and why.</summary>
internal static class BenchApi
{
    public static async Task CreateTenantAsync(HttpClient root, string id, string name, string kind, string parent)
    {
        using var response = await root.PostAsJsonAsync("api/tenants", new CreateTenantRequest(id, name, kind, parent)).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.Created, $"creating tenant {id}").ConfigureAwait(false);
    }

    public static async Task<string> IssueKeyAsync(HttpClient root, string tenantId, string role, string label)
    {
        using var response = await root.PostAsJsonAsync($"api/tenants/{tenantId}/keys", new CreateApiKeyRequest(role, label)).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.Created, $"issuing a {role} key to {tenantId}").ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyResource>().ConfigureAwait(false))!.Key;
    }

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        }
    }
}
