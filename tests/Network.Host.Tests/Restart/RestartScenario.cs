using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Tenants;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Restart;

/// <summary>
/// Write through the API, SIGKILL the host, start it again on the same storage and read everything back. The same
/// scenario runs on SQLite and on PostgreSQL.
/// </summary>
public static class RestartScenario
{
    public static async Task RunAsync(HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bootstrapKey = settings.BootstrapKey!;
        TenantResource made, tmp;
        CreatedApiKeyResource madeKey, tmpKey, revokedKey;

        await using (var first = await HostProcess.StartAsync(settings))
        {
            using var root = first.CreateClient(bootstrapKey);
            made = await root.CreateTenantAsync("made", "Migration and Development Civil Society Network", "organisation", "network");
            tmp = await root.CreateTenantAsync("tmp", "Transnational Migrant Platform", "platform", "network");
            madeKey = await root.IssueKeyAsync("made", "member", "MADE staff");
            tmpKey = await root.IssueKeyAsync("tmp", "member", "TMP staff");
            revokedKey = await root.IssueKeyAsync("made", "member", "lost laptop");
            using var revoke = await root.DeleteAsync(new Uri($"api/tenants/made/keys/{revokedKey.Id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

            // The last acknowledged write, then a crash: no graceful shutdown, nothing flushed on the way out.
            await first.KillAsync();
        }

        // A different bootstrap key on a later start must not add a key: the root already exists.
        await using var second = await HostProcess.StartAsync(settings with { BootstrapKey = "another-" + Guid.NewGuid().ToString("N") });
        using var rootAgain = second.CreateClient(bootstrapKey);

        Infrastructure.Api.AssertSameTenant(made, await rootAgain.GetFromJsonAsync<TenantResource>("api/tenants/made"));
        Infrastructure.Api.AssertSameTenant(tmp, await rootAgain.GetFromJsonAsync<TenantResource>("api/tenants/tmp"));
        var children = (await rootAgain.GetFromJsonAsync<List<TenantResource>>("api/tenants/network/children"))!;
        Assert.Equal(["made", "tmp"], children.Select(c => c.Id).Order());
        var keys = (await rootAgain.GetFromJsonAsync<List<ApiKeySummaryResource>>("api/tenants/made/keys"))!;
        Assert.Equal([(madeKey.Id, false), (revokedKey.Id, true)], keys.Select(k => (k.Id, k.RevokedAt is not null)));
        Assert.Single((await rootAgain.GetFromJsonAsync<List<ApiKeySummaryResource>>("api/tenants/network/keys"))!);

        using var asMade = second.CreateClient(madeKey.Key);
        Infrastructure.Api.AssertSameTenant(made, await asMade.GetFromJsonAsync<TenantResource>("api/tenants/made"));

        using var asTmp = second.CreateClient(tmpKey.Key);
        await Infrastructure.Api.AssertProblemAsync(await asTmp.GetAsync(new Uri("api/tenants/made", UriKind.Relative)), HttpStatusCode.NotFound);

        using var asRevoked = second.CreateClient(revokedKey.Key);
        await Infrastructure.Api.AssertProblemAsync(await asRevoked.GetAsync(new Uri("api/tenants/made", UriKind.Relative)), HttpStatusCode.Unauthorized);

        await Infrastructure.Api.AssertProblemAsync(await rootAgain.GetAsync(new Uri("api/tenants/Not_An_Id", UriKind.Relative)), HttpStatusCode.BadRequest);
        using var malformed = new StringContent("{\"id\": \"oops\", \"name\": ", Encoding.UTF8, "application/json");
        await Infrastructure.Api.AssertProblemAsync(await rootAgain.PostAsync(new Uri("api/tenants", UriKind.Relative), malformed), HttpStatusCode.BadRequest);
    }
}
