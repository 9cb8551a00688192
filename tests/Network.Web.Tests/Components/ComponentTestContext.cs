using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Network.Web.Tests.Components;

/// <summary>A bUnit context with what the app's components need: MudBlazor's services and the app's resources.</summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext(string culture = "en")
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
    }
}
