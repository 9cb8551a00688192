using System.Net;
using System.Text;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Limits;

/// <summary>Body limits per endpoint: a session report may be up to 4 MB (above the host's 1 MB), a workflow definition 256 KB.</summary>
[Collection(SqliteHostCollection.Name)]
public sealed class BodyLimitTests(SqliteHostFixture host)
{
    [Fact]
    public async Task A_report_import_takes_more_than_the_hosts_limit_up_to_its_own_and_a_workflow_less()
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(TestApi.UniqueId("body"), "Bodies", "platform", "network");

        // 2 MB of text that is no report: read whole (the refusal is about its content, not its size).
        using var big = await root.PostAsync(new Uri($"api/tenants/{tenant.Id}/sessions:import?dryRun=true", UriKind.Relative),
            new StringContent(new string('x', 2 * 1024 * 1024), Encoding.UTF8, "text/plain"));
        await TestApi.AssertProblemAsync(big, HttpStatusCode.UnprocessableEntity);

        // As a client sending a large body should: Expect: 100-continue, so the refusal comes before the body is sent
        // (otherwise the host answers 413 and closes the connection while the client is still writing).
        using var tooBigRequest = new HttpRequestMessage(HttpMethod.Post, $"api/tenants/{tenant.Id}/sessions:import?dryRun=true")
        {
            Content = new StringContent(new string('x', 5 * 1024 * 1024), Encoding.UTF8, "text/plain"),
        };
        tooBigRequest.Headers.ExpectContinue = true;
        using var tooBig = await root.SendAsync(tooBigRequest);
        var problem = await TestApi.AssertProblemAsync(tooBig, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Api:MaxSessionImportBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var yaml = await root.PostAsync(new Uri($"api/tenants/{tenant.Id}/workflows:validate", UriKind.Relative),
            new StringContent("# " + new string('x', 300 * 1024), Encoding.UTF8, "text/yaml"));
        var yamlProblem = await TestApi.AssertProblemAsync(yaml, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("body", TestApi.ErrorFields(yamlProblem));
    }
}
