using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Network.Domain.ApiKeys;
using Network.Domain.Tenancy;
using Network.Domain.WebSessions;
using Network.Host.Tests.Infrastructure;
using Network.Web;
using Network.Web.Session;

namespace Network.Host.Tests.Web;

/// <summary>
/// The server side of web sessions, on the host's real grains: ids, idle timeout, ending a revoked key's sessions.
/// (A store with its own clock shares the host's grains: sessions live in the cluster, not in the store.)
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class WebSessionStoreTests(InProcessHostFixture host)
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private WebSessionStore Store() => Store(_clock);

    private WebSessionStore Store(TimeProvider clock) =>
        new(host.Service<IGrainFactory>(), Options.Create(new WebOptions { SessionIdleTimeout = TimeSpan.FromHours(8) }), clock);

    // The host (and its sessions) is shared by the collection: each test's key hashes are its own.
    private readonly string _run = Guid.NewGuid().ToString("N");

    private string Hash(string name) => $"{name}-{_run}";

    private AuthenticationTicket Ticket(string keyName) => new(
        WebCallerClaims.Principal(new AuthenticatedKey(TenantCaller.ForKey(TenantPath.Parse("network"), TenantRole.Coordinator, "key-1"), "desk"), Hash(keyName), "Network"),
        WebAuth.Scheme);

    [Fact]
    public async Task A_session_id_is_random_and_names_the_stored_ticket()
    {
        var first = await Store().StoreAsync(Ticket("hash-a"));
        var second = await Store().StoreAsync(Ticket("hash-a"));

        Assert.NotEqual(first, second);
        Assert.True(first.Length >= 43, "256 random bits");
        var ticket = await Store().RetrieveAsync(first);
        Assert.Equal(first, WebCallerClaims.Read(ticket!.Principal)!.SessionId);
    }

    [Fact]
    public async Task A_session_idle_longer_than_the_timeout_is_gone_and_use_keeps_it_alive()
    {
        var busy = await Store().StoreAsync(Ticket("hash-a"));
        var idle = await Store().StoreAsync(Ticket("hash-b"));

        _clock.Advance(TimeSpan.FromHours(7));
        Assert.True(await Store().TouchAsync(busy));
        _clock.Advance(TimeSpan.FromHours(2));

        Assert.NotNull(await Store().RetrieveAsync(busy));
        Assert.Null(await Store().RetrieveAsync(idle));
        Assert.False(await Store().IsAliveAsync(idle));
    }

    [Fact]
    public async Task The_ticket_expires_when_the_server_says_so()
    {
        var id = await Store().StoreAsync(Ticket("hash-a"));
        _clock.Advance(TimeSpan.FromHours(1));

        var ticket = await Store().RetrieveAsync(id);

        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromHours(8), ticket!.Properties.ExpiresUtc);
    }

    [Fact]
    public async Task Ending_a_key_sessions_leaves_the_others()
    {
        var revoked1 = await Store().StoreAsync(Ticket("hash-revoked"));
        var revoked2 = await Store().StoreAsync(Ticket("hash-revoked"));
        var other = await Store().StoreAsync(Ticket("hash-other"));

        await Store().EndSessionsOfKeyAsync(Hash("hash-revoked"));

        Assert.Null(await Store().RetrieveAsync(revoked1));
        Assert.Null(await Store().RetrieveAsync(revoked2));
        Assert.NotNull(await Store().RetrieveAsync(other));
    }

    [Fact]
    public async Task A_removed_session_cannot_be_renewed_back()
    {
        var id = await Store().StoreAsync(Ticket("hash-a"));
        var ticket = (await Store().RetrieveAsync(id))!;

        await Store().RemoveAsync(id);
        await Store().RenewAsync(id, ticket);

        Assert.Null(await Store().RetrieveAsync(id));
    }

    [Fact]
    public async Task A_session_lives_in_the_cluster_not_in_the_store_that_began_it()
    {
        var id = await Store().StoreAsync(Ticket("hash-a"));

        // Another host's store (here: another instance) reads, renews and ends the same session.
        var elsewhere = Store();
        var ticket = (await elsewhere.RetrieveAsync(id))!;
        Assert.Equal(id, WebCallerClaims.Read(ticket.Principal)!.SessionId);
        await elsewhere.RemoveAsync(id);

        Assert.Null(await Store().RetrieveAsync(id));
        Assert.False(await Store().TouchAsync(id));
    }

    [Fact]
    public async Task A_session_started_again_the_same_way_is_unchanged_and_another_start_is_refused()
    {
        var session = host.Service<IGrainFactory>().GetGrain<IWebSessionGrain>("session-" + _run);
        byte[] ticket = [1, 2, 3];
        await session.Start(ticket, Hash("hash-a"), _clock.GetUtcNow());

        // The same call sent again (the cluster changed under the first) does nothing more.
        await session.Start(ticket, Hash("hash-a"), _clock.GetUtcNow());
        Assert.Equal(ticket, (await session.Use(_clock.GetUtcNow(), TimeSpan.FromHours(8)))!.Ticket);

        // Anything else under a live id must not take the session over.
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.Start([9, 9], Hash("hash-b"), _clock.GetUtcNow()));
        Assert.Equal(ticket, (await session.Use(_clock.GetUtcNow(), TimeSpan.FromHours(8)))!.Ticket);
    }

    [Fact]
    public void The_ticket_keeps_the_key_hash_never_the_key()
    {
        var principal = new AuthenticationTicket(
            WebCallerClaims.Principal(new AuthenticatedKey(TenantCaller.ForKey(TenantPath.Parse("network"), TenantRole.Coordinator, "key-1"), "desk"), ApiKeySecrets.Hash("nwk_secret"), "Network"),
            WebAuth.Scheme).Principal;

        Assert.DoesNotContain(principal.Claims, c => c.Value.Contains("nwk_secret", StringComparison.Ordinal));
        Assert.Contains(principal.Claims, c => c.Value == ApiKeySecrets.Hash("nwk_secret"));
        Assert.Equal(WebAuth.Scheme, principal.Identity!.AuthenticationType);
        Assert.IsType<ClaimsIdentity>(principal.Identity);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
