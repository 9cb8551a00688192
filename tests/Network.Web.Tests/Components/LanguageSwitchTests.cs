using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Network.Web.Layout;

namespace Network.Web.Tests.Components;

/// <summary>The header's language form: which language is current, and where the post comes back to.</summary>
public sealed class LanguageSwitchTests : BunitContext
{
    public LanguageSwitchTests()
    {
        Services.AddLocalization();
        AddAuthorization();
    }

    [Fact]
    public void Marks_the_current_language_and_offers_all_three()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es");
        try
        {
            var form = Render<LanguageSwitch>();

            var buttons = form.FindAll("button[name=culture]");
            Assert.Equal(["en", "fr", "es"], buttons.Select(b => b.GetAttribute("value")));
            Assert.Equal(["false", "false", "true"], buttons.Select(b => b.GetAttribute("aria-pressed")));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Comes_back_to_the_page_the_reader_is_on()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/tasks?status=open");
        var form = Render<LanguageSwitch>();

        Assert.Equal("/tasks?status=open", form.Find("input[name=returnUrl]").GetAttribute("value"));
        Assert.Equal("/culture", form.Find("form").GetAttribute("action"));

        navigation.NavigateTo("/inbox");
        form.WaitForAssertion(() => Assert.Equal("/inbox", form.Find("input[name=returnUrl]").GetAttribute("value")));
    }
}
