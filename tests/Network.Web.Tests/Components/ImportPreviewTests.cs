using Bunit;
using Network.Contracts.Sessions;
using Network.Contracts.Tenants;
using Network.Web.Sessions;

namespace Network.Web.Tests.Components;

public sealed class ImportPreviewTests : ComponentTestContext
{
    private static readonly ImportResultResource Result = new(
        new SessionResource(
            "GFMD 2016", "C", "Session C: Migrants in crisis", "Protection at sea", new DateOnly(2016, 12, 9), false,
            [
                new PeriodResource(1, "Until GFMD Germany", "GFMD Germany, June 2017", new DateOnly(2017, 6, 30),
                [
                    new SessionCommitmentResource(1, "Train border officials", "Transnational Migrant Platform and ICMC",
                        [new OwnerResource("Transnational Migrant Platform"), new OwnerResource("ICMC", "icmc")],
                        [new MilestoneResource("Training held", new DateOnly(2017, 3, 1))],
                        [new ContactResource("Ana", "Chair", "ICMC", null)],
                        new InterestResource(2, ["Caritas"]), "if funded", "structure of UN campaign"),
                ]),
            ],
            [new PriorityMessageResource(1, "Protect migrants in crisis", new DateOnly(2017, 6, 30))],
            ["Cooperation worked"]),
        [], ["Transnational Migrant Platform"], DryRun: true, Created: false);

    private static readonly IReadOnlyList<TenantResource> Tenants =
        [new("tmp", "TMP", "platform", "network", "network/tmp", DateTimeOffset.UnixEpoch)];

    [Fact]
    public void Lays_out_the_letter_and_marks_the_names_that_matched_no_tenant()
    {
        var preview = Render<ImportPreview>(p => p.Add(c => c.Result, Result).Add(c => c.Tenants, Tenants));

        Assert.Contains("Session C: Migrants in crisis", preview.Markup, StringComparison.Ordinal);
        Assert.Contains("Period 1", preview.Markup, StringComparison.Ordinal);
        Assert.Contains("Train border officials", preview.Markup, StringComparison.Ordinal);
        Assert.Contains("structure of UN campaign", preview.Markup, StringComparison.Ordinal);
        Assert.Contains("Protect migrants in crisis", preview.Markup, StringComparison.Ordinal);
        Assert.Contains("Cooperation worked", preview.Markup, StringComparison.Ordinal);
        var unresolved = preview.FindAll("mark.owner--unresolved").Select(m => m.TextContent).Distinct().ToList();
        Assert.Equal(["Transnational Migrant Platform"], unresolved);
        Assert.Contains("icmc", preview.Find(".owner--resolved").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_sees_the_marks_but_no_way_to_change_tenants()
    {
        var preview = Render<ImportPreview>(p => p.Add(c => c.Result, Result).Add(c => c.Tenants, Tenants).Add(c => c.CanResolve, false));

        Assert.Empty(preview.FindAll("select"));
        Assert.Empty(preview.FindAll("button"));
    }

    [Fact]
    public void Mapping_a_name_hands_the_chosen_tenant_on_and_creating_one_hands_the_name()
    {
        NameMapping? mapped = null;
        string? created = null;
        var preview = Render<ImportPreview>(p => p
            .Add(c => c.Result, Result).Add(c => c.Tenants, Tenants).Add(c => c.CanResolve, true)
            .Add(c => c.OnMapToTenant, (NameMapping m) => mapped = m)
            .Add(c => c.OnCreateTenant, (string name) => created = name));

        var buttons = preview.FindAll("button");
        Assert.True(buttons[0].HasAttribute("disabled"), "Map is disabled until a tenant is chosen");
        preview.Find("select").Change("tmp");
        preview.FindAll("button")[0].Click();
        preview.FindAll("button")[1].Click();

        Assert.Equal(new NameMapping("Transnational Migrant Platform", "tmp"), mapped);
        Assert.Equal("Transnational Migrant Platform", created);
    }

    [Fact]
    public void A_choice_made_for_a_name_that_then_resolves_does_not_pass_to_the_next_name()
    {
        var twoNames = Result with { UnresolvedNames = ["Transnational Migrant Platform", "Immigrant Council of Ireland"] };
        var preview = Render<ImportPreview>(p => p.Add(c => c.Result, twoNames).Add(c => c.Tenants, Tenants).Add(c => c.CanResolve, true));
        preview.Find("[data-name='Transnational Migrant Platform'] select").Change("tmp");

        // The dry run is read again after the mapping: the first name is gone.
        preview.Render(p => p.Add(c => c.Result, Result with { UnresolvedNames = ["Immigrant Council of Ireland"] }));

        var remaining = preview.Find("[data-name='Immigrant Council of Ireland']");
        Assert.Equal("", remaining.QuerySelector("select")!.GetAttribute("value") ?? "");
        Assert.True(remaining.QuerySelector("button")!.HasAttribute("disabled"), "Map stays disabled until a tenant is chosen for this name");
    }
}
