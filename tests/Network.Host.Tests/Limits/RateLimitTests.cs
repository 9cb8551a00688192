using System.Net;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Limits;

/// <summary>Per-key rate limits: a key past its role's bucket gets 429 problem+json with Retry-After; other keys go on.</summary>
public sealed class RateLimitTests(LimitedHostFixture host) : IClassFixture<LimitedHostFixture>
{
    [Fact]
    public async Task A_key_past_its_burst_gets_429_with_retry_after_while_another_key_goes_on_and_it_may_again_after_waiting()
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(TestApi.UniqueId("rate"), "Rate limited", "organisation", "network");
        var busy = await root.IssueKeyAsync(tenant.Id, "member", "a runaway script");
        var calm = await root.IssueKeyAsync(tenant.Id, "member", "a person");
        using var asBusy = host.As(busy.Key);
        using var asCalm = host.As(calm.Key);
        var uri = new Uri($"api/tenants/{tenant.Id}", UriKind.Relative);

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 10 && refused is null; i++)
        {
            var response = await asBusy.GetAsync(uri);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }
        Assert.NotNull(refused);
        using (refused)
        {
            var problem = await TestApi.AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
            var wait = refused.Headers.RetryAfter!.Delta!.Value;
            Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
            Assert.Contains("Limits:Rate", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            // The bucket is the key's: another key of the same tenant and role is not held back, nor the coordinator.
            Assert.Equal(HttpStatusCode.OK, (await asCalm.GetAsync(uri)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await root.GetAsync(uri)).StatusCode);

            await Task.Delay(wait);
            Assert.Equal(HttpStatusCode.OK, (await asBusy.GetAsync(uri)).StatusCode);
        }
    }
}
