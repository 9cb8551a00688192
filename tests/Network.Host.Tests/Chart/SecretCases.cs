namespace Network.Host.Tests.Chart;

/// <summary>Renders that put secret-like strings into the values (Values/secret-markers.yaml).</summary>
internal static class SecretCases
{
    /// <summary>Every secret reference named with a "marker-" string.</summary>
    public static readonly ChartCase Markers = new("secret-markers", [Path.Combine(AppContext.BaseDirectory, "Chart", "Values", "secret-markers.yaml")], []);

    /// <summary>A password given as a plain setting: the chart must refuse to put it into a ConfigMap.</summary>
    public static readonly ChartCase PasswordAsSetting = new("password-as-setting", [], ["extraSettings.Notifications__Smtp__Password=marker-plain-password"]);

    /// <summary>The variables that carry a secret and must come from a Secret.</summary>
    public static readonly IReadOnlyList<string> SecretVariables =
        ["Storage__ConnectionString", "Messaging__RabbitMq__Password", "NETWORK_BOOTSTRAP_KEY"];
}
