using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Tenants;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Api;

/// <summary>Every endpoint, tried with a foreign tenant's key: the answer is the 404 of a tenant that does not exist.</summary>
[Collection(SqliteHostCollection.Name)]
public sealed class IsolationApiTests(SqliteHostFixture host)
{
    public static TheoryData<string, string> EndpointsAndRoles()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in new[] { "get", "children", "create-child", "issue-key", "list-keys", "revoke-key" })
        {
            data.Add(endpoint, "coordinator");
            data.Add(endpoint, "member");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EndpointsAndRoles))]
    public async Task A_foreign_key_gets_the_same_404_as_for_a_missing_tenant_and_changes_nothing(string endpoint, string role)
    {
        using var root = host.Root();
        var made = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("made"), "MADE", "organisation", "network");
        var tmp = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("tmp"), "TMP", "platform", "network");
        var madeKey = await root.IssueKeyAsync(made.Id, "member");
        using var foreign = host.As((await root.IssueKeyAsync(tmp.Id, role)).Key);
        var missingId = Infrastructure.Api.UniqueId("nobody");

        using var refused = await SendAsync(foreign, endpoint, made.Id, madeKey.Id);
        using var missing = await SendAsync(foreign, endpoint, missingId, madeKey.Id);

        var refusedProblem = await Infrastructure.Api.AssertProblemAsync(refused, HttpStatusCode.NotFound);
        var missingProblem = await Infrastructure.Api.AssertProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(missingProblem.GetProperty("title").GetString(), refusedProblem.GetProperty("title").GetString());
        Assert.Equal(missingProblem.GetProperty("detail").GetString()!.Replace(missingId, "ID", StringComparison.Ordinal),
            refusedProblem.GetProperty("detail").GetString()!.Replace(made.Id, "ID", StringComparison.Ordinal));

        Assert.Empty((await root.GetFromJsonAsync<List<TenantResource>>($"api/tenants/{made.Id}/children"))!);
        var keys = (await root.GetFromJsonAsync<List<ApiKeySummaryResource>>($"api/tenants/{made.Id}/keys"))!;
        Assert.Equal([(madeKey.Id, (DateTimeOffset?)null)], keys.Select(k => (k.Id, k.RevokedAt)));
    }

    [Fact]
    public async Task A_child_coordinator_cannot_reach_its_parent_or_root()
    {
        using var root = host.Root();
        var tmp = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("tmp"), "TMP", "platform", "network");
        using var asTmp = host.As((await root.IssueKeyAsync(tmp.Id, "coordinator")).Key);

        await Infrastructure.Api.AssertProblemAsync(await asTmp.GetAsync(new Uri("api/tenants/network", UriKind.Relative)), HttpStatusCode.NotFound);
        using var sibling = await asTmp.PostAsJsonAsync("api/tenants",
            new CreateTenantRequest(Infrastructure.Api.UniqueId("x"), "X", "organisation", "network"));
        await Infrastructure.Api.AssertProblemAsync(sibling, HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string endpoint, string tenantId, string keyId) => endpoint switch
    {
        "get" => client.GetAsync(new Uri($"api/tenants/{tenantId}", UriKind.Relative)),
        "children" => client.GetAsync(new Uri($"api/tenants/{tenantId}/children", UriKind.Relative)),
        "create-child" => client.PostAsJsonAsync("api/tenants",
            new CreateTenantRequest(Infrastructure.Api.UniqueId("intruder"), "Intruder", "organisation", tenantId)),
        "issue-key" => client.PostAsJsonAsync($"api/tenants/{tenantId}/keys", new CreateApiKeyRequest("coordinator", "intruder")),
        "list-keys" => client.GetAsync(new Uri($"api/tenants/{tenantId}/keys", UriKind.Relative)),
        "revoke-key" => client.DeleteAsync(new Uri($"api/tenants/{tenantId}/keys/{keyId}", UriKind.Relative)),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
    };
}
