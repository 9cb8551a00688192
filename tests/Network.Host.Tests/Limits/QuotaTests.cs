using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Limits;

/// <summary>
/// Per-tenant quotas (keys 3, published versions 2, running instances 2, imported bytes 20,000 a day on this host):
/// past one, 429 problem+json naming the quota with Retry-After, and nothing made.
/// </summary>
public sealed class QuotaTests(LimitedHostFixture host) : IClassFixture<LimitedHostFixture>
{
    [Fact]
    public async Task A_tenant_at_its_key_quota_gets_429_until_it_revokes_one()
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(TestApi.UniqueId("keys"), "Keys", "organisation", "network");
        var keys = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            keys.Add((await root.IssueKeyAsync(tenant.Id, "member", $"key {i}")).Id);
        }
        using var fourth = await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys", new { role = "member", label = "one too many" });
        await AssertQuotaAsync(fourth, "Limits:Quotas:KeysPerTenant");

        using var revoke = await root.DeleteAsync(new Uri($"api/tenants/{tenant.Id}/keys/{keys[0]}", UriKind.Relative));
        await TestApi.EnsureStatusAsync(revoke, HttpStatusCode.NoContent);
        await root.IssueKeyAsync(tenant.Id, "member", "in its place");
    }

    [Fact]
    public async Task A_tenant_at_its_published_versions_quota_gets_429()
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(TestApi.UniqueId("defs"), "Definitions", "platform", "network");
        for (var version = 1; version <= 2; version++)
        {
            using var published = await root.PostAsync(new Uri($"api/tenants/{tenant.Id}/workflows", UriKind.Relative), Yaml(version));
            await TestApi.EnsureStatusAsync(published, HttpStatusCode.Created);
        }
        using var third = await root.PostAsync(new Uri($"api/tenants/{tenant.Id}/workflows", UriKind.Relative), Yaml(3));
        await AssertQuotaAsync(third, "Limits:Quotas:PublishedVersionsPerTenant");
        var versions = (await root.GetFromJsonAsync<List<WorkflowVersionResource>>($"api/tenants/{tenant.Id}/workflows/quota-probe/versions"))!;
        Assert.Equal([2, 1], versions.Select(v => v.Version));
    }

    [Fact]
    public async Task Instances_past_the_subtrees_running_quota_are_refused_and_an_import_that_would_pass_it_makes_nothing()
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(TestApi.UniqueId("runs"), "Running", "platform", "network");
        using (var published = await root.PostAsync(new Uri($"api/tenants/{tenant.Id}/workflows", UriKind.Relative), Yaml(1)))
        {
            await TestApi.EnsureStatusAsync(published, HttpStatusCode.Created);
        }
        for (var i = 0; i < 2; i++)
        {
            using var started = await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/workflow-instances", new StartInstanceRequest("quota-probe"));
            await TestApi.EnsureStatusAsync(started, HttpStatusCode.Created);
        }
        await Eventually.ReadAsync(() => root.GetFromJsonAsync<WorkflowInstancePage>($"api/tenants/{tenant.Id}/workflow-instances?status=waiting")!,
            page => page!.Total == 2);
        using var third = await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/workflow-instances", new StartInstanceRequest("quota-probe"));
        await AssertQuotaAsync(third, "Limits:Quotas:RunningInstancesPerTenant");

        // Importing a session would start a lifecycle per commitment: refused whole.
        var forum = await root.CreateTenantAsync(TestApi.UniqueId("forum"), "Forum", "platform", tenant.Id);
        using var import = await root.PostAsync(new Uri($"api/tenants/{forum.Id}/sessions:import", UriKind.Relative),
            ForumScope.Text(SampleReports.GfmdSessionC));
        await AssertQuotaAsync(import, "Limits:Quotas:RunningInstancesPerTenant");
        Assert.Equal(0, (await root.GetFromJsonAsync<Network.Contracts.Commitments.CommitmentPage>($"api/tenants/{forum.Id}/commitments"))!.Total);
    }

    [Fact]
    public async Task Imports_past_the_days_bytes_are_refused_until_the_next_day_dry_runs_counted()
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(TestApi.UniqueId("bytes"), "Bytes", "platform", "network");
        var size = Encoding.UTF8.GetByteCount(SampleReports.GfmdSessionC);
        var allowed = 20_000 / size;
        for (var i = 0; i < allowed; i++)
        {
            using var dryRun = await root.PostAsync(new Uri($"api/tenants/{tenant.Id}/sessions:import?dryRun=true", UriKind.Relative),
                ForumScope.Text(SampleReports.GfmdSessionC));
            await TestApi.EnsureStatusAsync(dryRun, HttpStatusCode.OK);
        }
        using var refused = await root.PostAsync(new Uri($"api/tenants/{tenant.Id}/sessions:import?dryRun=true", UriKind.Relative),
            ForumScope.Text(SampleReports.GfmdSessionC));
        var wait = await AssertQuotaAsync(refused, "Limits:Quotas:ImportedBytesPerDay");
        var untilMidnight = DateTimeOffset.UtcNow.Date.AddDays(1) - DateTimeOffset.UtcNow.UtcDateTime;
        Assert.InRange(wait, untilMidnight - TimeSpan.FromMinutes(1), untilMidnight + TimeSpan.FromMinutes(1));
    }

    private static async Task<TimeSpan> AssertQuotaAsync(HttpResponseMessage response, string quota)
    {
        var problem = await TestApi.AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Equal(quota, problem.GetProperty("quota").GetString());
        var wait = response.Headers.RetryAfter!.Delta!.Value;
        Assert.True(wait >= TimeSpan.FromSeconds(1));
        return wait;
    }

    private static StringContent Yaml(int version) => new($"""
        id: quota-probe
        version: {version}
        title: Waits a day
        starts-on: manual
        steps:
          - id: wait
            timer:
              after: P1D
            then: done
          - id: done
            end:
        """, Encoding.UTF8, "application/yaml");
}
