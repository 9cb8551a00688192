using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Network.Domain.ApiKeys;
using Network.Domain.Tenancy;
using Network.Web.Session;

namespace Network.Web.Tests.Session;

/// <summary>The server side of web sessions: ids, idle timeout, ending a revoked key's sessions.</summary>
public sealed class WebSessionStoreTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly WebSessionStore _store;

    public WebSessionStoreTests() =>
        _store = new WebSessionStore(Options.Create(new WebOptions { SessionIdleTimeout = TimeSpan.FromHours(8) }), _clock);

    private static AuthenticationTicket Ticket(string keyHash) => new(
        WebCallerClaims.Principal(new AuthenticatedKey(TenantCaller.ForKey(TenantPath.Parse("network"), TenantRole.Coordinator, "key-1"), "desk"), keyHash, "Network"),
        WebAuth.Scheme);

    [Fact]
    public async Task A_session_id_is_random_and_names_the_stored_ticket()
    {
        var first = await _store.StoreAsync(Ticket("hash-a"));
        var second = await _store.StoreAsync(Ticket("hash-a"));

        Assert.NotEqual(first, second);
        Assert.True(first.Length >= 43, "256 random bits");
        var ticket = await _store.RetrieveAsync(first);
        Assert.Equal(first, WebCallerClaims.Read(ticket!.Principal)!.SessionId);
    }

    [Fact]
    public async Task A_session_idle_longer_than_the_timeout_is_gone_and_use_keeps_it_alive()
    {
        var busy = await _store.StoreAsync(Ticket("hash-a"));
        var idle = await _store.StoreAsync(Ticket("hash-b"));

        _clock.Advance(TimeSpan.FromHours(7));
        Assert.True(_store.Touch(busy));
        _clock.Advance(TimeSpan.FromHours(2));

        Assert.NotNull(await _store.RetrieveAsync(busy));
        Assert.Null(await _store.RetrieveAsync(idle));
        Assert.False(_store.IsAlive(idle));
    }

    [Fact]
    public async Task The_ticket_expires_when_the_server_says_so()
    {
        var id = await _store.StoreAsync(Ticket("hash-a"));
        _clock.Advance(TimeSpan.FromHours(1));

        var ticket = await _store.RetrieveAsync(id);

        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromHours(8), ticket!.Properties.ExpiresUtc);
    }

    [Fact]
    public async Task Ending_a_key_sessions_leaves_the_others()
    {
        var revoked1 = await _store.StoreAsync(Ticket("hash-revoked"));
        var revoked2 = await _store.StoreAsync(Ticket("hash-revoked"));
        var other = await _store.StoreAsync(Ticket("hash-other"));

        _store.EndSessionsOfKey("hash-revoked");

        Assert.Null(await _store.RetrieveAsync(revoked1));
        Assert.Null(await _store.RetrieveAsync(revoked2));
        Assert.NotNull(await _store.RetrieveAsync(other));
    }

    [Fact]
    public async Task A_removed_session_cannot_be_renewed_back()
    {
        var id = await _store.StoreAsync(Ticket("hash-a"));
        var ticket = (await _store.RetrieveAsync(id))!;

        await _store.RemoveAsync(id);
        await _store.RenewAsync(id, ticket);

        Assert.Null(await _store.RetrieveAsync(id));
    }

    [Fact]
    public void The_ticket_keeps_the_key_hash_never_the_key()
    {
        var principal = Ticket(ApiKeySecrets.Hash("nwk_secret")).Principal;

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
