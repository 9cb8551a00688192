using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Tenants;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Tenants;

[Collection(SqliteHostCollection.Name)]
public sealed class ApiKeyApiTests(SqliteHostFixture host)
{
    [Fact]
    public async Task A_key_is_shown_once_listed_without_its_secret_and_revoked_at_once()
    {
        using var root = host.Root();
        var made = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("made"), "MADE", "organisation", "network");
        var key = await root.IssueKeyAsync(made.Id, "member", "CRM sync");
        using var asMade = host.As(key.Key);
        Assert.Equal(HttpStatusCode.OK, (await asMade.GetAsync(new Uri($"api/tenants/{made.Id}", UriKind.Relative))).StatusCode);

        var listBody = await root.GetStringAsync(new Uri($"api/tenants/{made.Id}/keys", UriKind.Relative));
        var listed = Assert.Single(System.Text.Json.JsonSerializer.Deserialize<List<ApiKeySummaryResource>>(listBody, System.Text.Json.JsonSerializerOptions.Web)!);
        Assert.Equal((key.Id, "member", "CRM sync", null), (listed.Id, listed.Role, listed.Label, listed.RevokedAt));
        Assert.DoesNotContain(key.Key, listBody, StringComparison.Ordinal);

        using var revoke = await root.DeleteAsync(new Uri($"api/tenants/{made.Id}/keys/{key.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using var afterRevoke = await asMade.GetAsync(new Uri($"api/tenants/{made.Id}", UriKind.Relative));
        await Infrastructure.Api.AssertProblemAsync(afterRevoke, HttpStatusCode.Unauthorized);
        var revoked = (await root.GetFromJsonAsync<List<ApiKeySummaryResource>>($"api/tenants/{made.Id}/keys"))!.Single();
        Assert.NotNull(revoked.RevokedAt);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_get_401_problems()
    {
        using var anonymous = host.As("x");
        anonymous.DefaultRequestHeaders.Authorization = null;
        await Infrastructure.Api.AssertProblemAsync(await anonymous.GetAsync(new Uri("api/tenants/network", UriKind.Relative)), HttpStatusCode.Unauthorized);

        using var wrong = host.As("nwk_not-a-real-key");
        await Infrastructure.Api.AssertProblemAsync(await wrong.GetAsync(new Uri("api/tenants/network", UriKind.Relative)), HttpStatusCode.Unauthorized);

        using var basic = host.As("x");
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        await Infrastructure.Api.AssertProblemAsync(await basic.GetAsync(new Uri("api/tenants/network", UriKind.Relative)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Integration_keys_may_not_use_the_http_api()
    {
        using var root = host.Root();
        var tmp = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("tmp"), "TMP", "platform", "network");
        var integration = await root.IssueKeyAsync(tmp.Id, "integration", "TMP's CRM");
        using var asIntegration = host.As(integration.Key);

        await Infrastructure.Api.AssertProblemAsync(await asIntegration.GetAsync(new Uri($"api/tenants/{tmp.Id}", UriKind.Relative)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_member_may_not_manage_keys()
    {
        using var root = host.Root();
        var ici = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("ici"), "ICI", "organisation", "network");
        var member = await root.IssueKeyAsync(ici.Id, "member");
        using var asMember = host.As(member.Key);

        using var issue = await asMember.PostAsJsonAsync($"api/tenants/{ici.Id}/keys", new CreateApiKeyRequest("coordinator", "escalation"));
        await Infrastructure.Api.AssertProblemAsync(issue, HttpStatusCode.Forbidden);
        await Infrastructure.Api.AssertProblemAsync(await asMember.GetAsync(new Uri($"api/tenants/{ici.Id}/keys", UriKind.Relative)), HttpStatusCode.Forbidden);
        Assert.Single((await root.GetFromJsonAsync<List<ApiKeySummaryResource>>($"api/tenants/{ici.Id}/keys"))!);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_not_found()
    {
        using var root = host.Root();
        await Infrastructure.Api.AssertProblemAsync(
            await root.DeleteAsync(new Uri("api/tenants/network/keys/key-000000000000", UriKind.Relative)), HttpStatusCode.NotFound);
    }
}
