using MudBlazor;

namespace Network.Web.Workflows;

/// <summary>How a step of each activity kind looks on the graph: an icon (MudBlazor's Material set) and a colour.</summary>
public sealed record ActivityStyle(string Icon, string Colour);

/// <summary>
/// The one table of icon and colour per activity keyword. Colours are dark enough for white text and are used as
/// the node's accent (its left border and icon), so the node's text stays dark on white and readable.
/// </summary>
public static class ActivityStyles
{
    private static readonly ActivityStyle Unknown = new(Icons.Material.Filled.HelpOutline, "#616161");

    private static readonly Dictionary<string, ActivityStyle> ByActivity = new(StringComparer.Ordinal)
    {
        ["do"] = new(Icons.Material.Filled.FormatListNumbered, "#455a64"),
        ["if"] = new(Icons.Material.Filled.CallSplit, "#7b1fa2"),
        ["switch"] = new(Icons.Material.Filled.AltRoute, "#7b1fa2"),
        ["parallel"] = new(Icons.Material.Filled.AccountTree, "#303f9f"),
        ["wait-for"] = new(Icons.Material.Filled.HourglassTop, "#a15c00"),
        ["timer"] = new(Icons.Material.Filled.Timer, "#00695c"),
        ["set"] = new(Icons.Material.Filled.Edit, "#5d4037"),
        ["publish"] = new(Icons.Material.Filled.Campaign, "#1565c0"),
        ["notify"] = new(Icons.Material.Filled.Notifications, "#0277bd"),
        ["escalate"] = new(Icons.Material.Filled.PriorityHigh, "#c62828"),
        ["task"] = new(Icons.Material.Filled.Assignment, "#2e7d32"),
        ["call"] = new(Icons.Material.Filled.Launch, "#4527a0"),
        ["loop"] = new(Icons.Material.Filled.Loop, "#bf360c"),
        ["end"] = new(Icons.Material.Filled.StopCircle, "#212121"),
        ["fail"] = new(Icons.Material.Filled.Error, "#b71c1c"),
    };

    public static ActivityStyle For(string activity) => ByActivity.GetValueOrDefault(activity, Unknown);
}
