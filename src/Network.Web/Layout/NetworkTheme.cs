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
            // MudBlazor's default error, success, warning and info colours are too light for their alert text and for
            // white text on filled buttons (axe: colour contrast); these keep the hue at 4.5:1 or more.
            Error = "#b3261e",
            Success = "#1e6b34",
            Warning = "#8a5a00",
            Info = "#0b5c8a",
        },
    };
}
