using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Network.Domain.Tenancy;
using Network.Web.Layout;
using Network.Web.Session;

namespace Network.Web.Tests.Components;

/// <summary>The header's "who is signed in": tenant name and id, the role in the reader's language, the key's label.</summary>
public sealed class CallerBadgeTests : BunitContext
{
    public CallerBadgeTests() => Services.AddLocalization();

    private static SignedInKey Key(TenantRole role) =>
        new(TenantCaller.ForKey(TenantPath.Parse("network/tmp"), role, "key-1"), "hash", "partner desk", "Transnational Migrant Platform", "session-1");

    [Fact]
    public void Shows_the_tenant_its_id_the_role_and_the_label()
    {
        var badge = Render<CallerBadge>(p => p.Add(b => b.SignedIn, Key(TenantRole.Member)));

        Assert.Equal("Transnational Migrant Platform (tmp)", badge.Find(".caller-tenant").TextContent.Trim());
        Assert.Equal("Member · partner desk", badge.Find(".caller-key").TextContent.Trim());
    }

    [Theory]
    [InlineData("en", TenantRole.Coordinator, "Coordinator")]
    [InlineData("fr", TenantRole.Coordinator, "Coordination")]
    [InlineData("es", TenantRole.Member, "Miembro")]
    public void Names_the_role_in_the_reader_language(string culture, TenantRole role, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var badge = Render<CallerBadge>(p => p.Add(b => b.SignedIn, Key(role)));
            Assert.StartsWith(expected + " · ", badge.Find(".caller-key").TextContent.Trim(), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Shows_nothing_when_nobody_is_signed_in()
    {
        var badge = Render<CallerBadge>(p => p.Add(b => b.SignedIn, null));

        Assert.Empty(badge.FindAll("[data-testid=caller]"));
    }
}
