using MudBlazor;

namespace Network.Web.Layout;

/// <summary>The app's colours: MudBlazor's defaults with a primary dark enough for white text (contrast 4.5:1 and more).</summary>
public static class NetworkTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5a96",
            AppbarBackground = "#1f5a96",
            // MudBlazor's default error red is too light for its alert text (axe: colour contrast).
            Error = "#b3261e",
        },
    };
}
