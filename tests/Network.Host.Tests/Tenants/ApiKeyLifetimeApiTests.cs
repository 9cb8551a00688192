using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Audit;
using Network.Contracts.Tenants;
using Network.Host.Tests.Infrastructure;
using TestApi = Network.Host.Tests.Infrastructure.Api;

namespace Network.Host.Tests.Tenants;

/// <summary>A key's life: an expiry it stops at by itself, its last use in the list, and rotation with an overlap.</summary>
[Collection(SqliteHostCollection.Name)]
public sealed class ApiKeyLifetimeApiTests(SqliteHostFixture host)
{
    [Fact]
    public async Task A_key_with_an_expiry_works_until_then_and_the_list_shows_its_expiry_and_last_use()
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(TestApi.UniqueId("exp"), "Expiring", "organisation", "network");
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(4);
        using var issue = await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys", new CreateApiKeyRequest("member", "short-lived", expiresAt));
        await TestApi.EnsureStatusAsync(issue, HttpStatusCode.Created);
        var key = (await issue.Content.ReadFromJsonAsync<CreatedApiKeyResource>())!;
        Assert.Equal(expiresAt.ToUnixTimeMilliseconds(), key.ExpiresAt!.Value.ToUnixTimeMilliseconds());

        using var asKey = host.As(key.Key);
        Assert.Equal(HttpStatusCode.OK, (await asKey.GetAsync(new Uri($"api/tenants/{tenant.Id}", UriKind.Relative))).StatusCode);
        var listed = Assert.Single((await root.GetFromJsonAsync<List<ApiKeySummaryResource>>($"api/tenants/{tenant.Id}/keys"))!);
        Assert.Equal("active", listed.Status);
        Assert.NotNull(listed.LastUsedAt);
        Assert.InRange(listed.LastUsedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(500));
        await TestApi.AssertProblemAsync(await asKey.GetAsync(new Uri($"api/tenants/{tenant.Id}", UriKind.Relative)), HttpStatusCode.Unauthorized);
        Assert.Equal("expired", Assert.Single((await root.GetFromJsonAsync<List<ApiKeySummaryResource>>($"api/tenants/{tenant.Id}/keys"))!).Status);
    }

    [Fact]
    public async Task An_expiry_in_the_past_or_too_far_and_a_bad_overlap_are_problems_that_change_nothing()
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(TestApi.UniqueId("bad"), "Bad input", "organisation", "network");
        foreach (var expiresAt in new[] { DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddYears(6) })
        {
            var problem = await TestApi.AssertProblemAsync(
                await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys", new CreateApiKeyRequest("member", "x", expiresAt)), HttpStatusCode.BadRequest);
            Assert.Contains("expiresAt", TestApi.ErrorFields(problem));
        }
        var key = await root.IssueKeyAsync(tenant.Id, "member", "to rotate");
        foreach (var overlap in new[] { "banana", "P91D", "-P1D" })
        {
            var problem = await TestApi.AssertProblemAsync(
                await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys/{key.Id}:rotate", new RotateApiKeyRequest(overlap)), HttpStatusCode.BadRequest);
            Assert.Contains("overlap", TestApi.ErrorFields(problem));
        }
        Assert.Single((await root.GetFromJsonAsync<List<ApiKeySummaryResource>>($"api/tenants/{tenant.Id}/keys"))!);
    }

    [Fact]
    public async Task A_replacement_lives_as_long_as_the_key_it_replaces_was_issued_for_unless_the_rotation_names_an_expiry()
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(TestApi.UniqueId("life"), "Short-lived keys", "organisation", "network");
        using var issue = await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys",
            new CreateApiKeyRequest("integration", "CRM", DateTimeOffset.UtcNow.AddDays(30)));
        await TestApi.EnsureStatusAsync(issue, HttpStatusCode.Created);
        var old = (await issue.Content.ReadFromJsonAsync<CreatedApiKeyResource>())!;
        var life = old.ExpiresAt!.Value - old.CreatedAt;

        using var rotate = await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys/{old.Id}:rotate", new RotateApiKeyRequest("PT1H"));
        await TestApi.EnsureStatusAsync(rotate, HttpStatusCode.Created);
        var replacement = (await rotate.Content.ReadFromJsonAsync<RotatedApiKeyResource>())!.Key;
        Assert.Equal(replacement.CreatedAt + life, replacement.ExpiresAt);

        var named = DateTimeOffset.UtcNow.AddDays(3);
        using var again = await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys/{replacement.Id}:rotate", new RotateApiKeyRequest("PT1H", named));
        await TestApi.EnsureStatusAsync(again, HttpStatusCode.Created);
        Assert.Equal(named, (await again.Content.ReadFromJsonAsync<RotatedApiKeyResource>())!.Key.ExpiresAt!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_rotated_key_keeps_working_for_its_overlap_beside_its_replacement_and_only_a_coordinator_of_the_tenant_rotates()
    {
        using var root = host.Root();
        var tenant = await root.CreateTenantAsync(TestApi.UniqueId("rot"), "Rotating", "organisation", "network");
        var old = await root.IssueKeyAsync(tenant.Id, "member", "CRM sync");

        using var rotate = await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys/{old.Id}:rotate", new RotateApiKeyRequest("P7D"));
        await TestApi.EnsureStatusAsync(rotate, HttpStatusCode.Created);
        var rotated = (await rotate.Content.ReadFromJsonAsync<RotatedApiKeyResource>())!;
        Assert.Equal(("member", "CRM sync"), (rotated.Key.Role, rotated.Key.Label));
        Assert.Equal($"/api/tenants/{tenant.Id}/keys/{rotated.Key.Id}", rotate.Headers.Location!.OriginalString);
        Assert.Equal(("replaced", rotated.Key.Id), (rotated.Previous.Status, rotated.Previous.ReplacedBy));
        Assert.InRange(rotated.Previous.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(1));

        // Both work during the overlap; the list says which replaced which.
        using var asOld = host.As(old.Key);
        using var asNew = host.As(rotated.Key.Key);
        Assert.Equal(HttpStatusCode.OK, (await asOld.GetAsync(new Uri($"api/tenants/{tenant.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asNew.GetAsync(new Uri($"api/tenants/{tenant.Id}", UriKind.Relative))).StatusCode);
        var keys = (await root.GetFromJsonAsync<List<ApiKeySummaryResource>>($"api/tenants/{tenant.Id}/keys"))!;
        Assert.Equal(old.Id, Assert.Single(keys, k => k.Id == rotated.Key.Id).RotatedFrom);

        // A replaced key is not rotated again; the replacement is, with no overlap: the key it replaces ends at once.
        await TestApi.AssertProblemAsync(await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys/{old.Id}:rotate", new RotateApiKeyRequest()), HttpStatusCode.Conflict);
        using var again = await root.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys/{rotated.Key.Id}:rotate", new RotateApiKeyRequest("PT0S"));
        await TestApi.EnsureStatusAsync(again, HttpStatusCode.Created);
        await TestApi.AssertProblemAsync(await asNew.GetAsync(new Uri($"api/tenants/{tenant.Id}", UriKind.Relative)), HttpStatusCode.Unauthorized);

        // Members may not rotate; a coordinator of another subtree does not see the tenant.
        var member = await root.IssueKeyAsync(tenant.Id, "member", "someone");
        using var asMember = host.As(member.Key);
        await TestApi.AssertProblemAsync(await asMember.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys/{member.Id}:rotate", new RotateApiKeyRequest()), HttpStatusCode.Forbidden);
        var other = await root.CreateTenantAsync(TestApi.UniqueId("oth"), "Other", "platform", "network");
        var otherCoordinator = await root.IssueKeyAsync(other.Id, "coordinator", "other coordinator");
        using var asOther = host.As(otherCoordinator.Key);
        await TestApi.AssertProblemAsync(await asOther.PostAsJsonAsync($"api/tenants/{tenant.Id}/keys/{member.Id}:rotate", new RotateApiKeyRequest()), HttpStatusCode.NotFound);

        // Each rotation is in the audit trail, the refused ones too.
        var audit = (await root.GetFromJsonAsync<AuditEntryPage>($"api/tenants/{tenant.Id}/audit?action=key.rotate"))!;
        Assert.Equal(2, audit.Items.Count(e => e.Outcome == "done"));
        Assert.Contains(audit.Items, e => e.Outcome == "refused" && e.Reason!.StartsWith("conflict", StringComparison.Ordinal));
        Assert.Contains(audit.Items, e => e.Outcome == "refused" && e.Actor.KeyId == otherCoordinator.Id);
    }
}
