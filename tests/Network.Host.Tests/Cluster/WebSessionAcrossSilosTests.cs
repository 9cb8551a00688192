using System.Net;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Cluster;

/// <summary>
/// A person signed in to the web app through one silo keeps working through the others, as behind a load balancer
/// without affinity for plain page loads: the session cookie and the antiforgery tokens are encrypted with
/// data-protection keys the silos share in the database, and the session lives in the cluster (a grain), not in
/// the process that signed it in. Ending it through one silo (sign-out, revoked key) ends it on all.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WebSessionAcrossSilosTests(ThreeSiloCluster cluster)
{
    [Fact]
    public async Task A_session_signed_in_through_one_silo_works_and_ends_through_the_others()
    {
        await cluster.EnsureAllRunningAsync();
        var browser = new FormBrowser();

        await browser.SignInAsync(Silo(0), cluster.Scope.CoordinatorKey);

        // The dashboard, served by another silo, as the signed-in coordinator.
        var (status, page) = await browser.GetAsync(Silo(1), "/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("forum coordinator", page, StringComparison.Ordinal);
        // The keys that encrypted the cookie are in the shared database, not in one process's home folder.
        Assert.True(await cluster.DataProtectionKeyCountAsync() > 0, "data-protection keys are stored in the database");

        // A form token issued by one silo is good on another: sign out through the third with silo 1's token.
        using (var signOut = await browser.PostFormAsync(Silo(2), "/signout", new() { ["__RequestVerificationToken"] = FormBrowser.AntiforgeryToken(page) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            Assert.Equal("/signin", signOut.Headers.Location!.OriginalString);
        }

        // Ended everywhere, including where it began.
        for (var silo = 0; silo < ThreeSiloCluster.Size; silo++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(Silo(silo), "/")).Status);
        }
    }

    [Fact]
    public async Task Revoking_the_key_through_one_silo_ends_its_session_served_by_another()
    {
        await cluster.EnsureAllRunningAsync();
        var root = cluster.Client(0, ThreeSiloCluster.BootstrapKey);
        var key = await root.IssueKeyAsync(cluster.Scope.Forum.Id, "coordinator", "desk in Geneva");
        var browser = new FormBrowser();
        await browser.SignInAsync(Silo(1), key.Key);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Silo(2), "/")).Status);

        using var revoke = await root.DeleteAsync(new Uri($"api/tenants/{cluster.Scope.Forum.Id}/keys/{key.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(Silo(2), "/")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(Silo(1), "/")).Status);
    }

    private Uri Silo(int silo) => cluster.Silo(silo).BaseAddress;
}
