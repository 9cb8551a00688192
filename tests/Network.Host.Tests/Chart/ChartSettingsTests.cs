namespace Network.Host.Tests.Chart;

/// <summary>extraSettings add settings of the README's configuration table, and never replace the chart's own.</summary>
public sealed class ChartSettingsTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    private static readonly ChartCase ExtraSettings = new("extra-settings", [], ["extraSettings.Notifications__Smtp__Host=smtp.example.org", "publicUrl=https://network.example.org/"]);

    private static readonly ChartCase ExtraSettingOverChartSetting = new("extra-setting-over-chart-setting", [], ["extraSettings.Storage__Provider=Sqlite"]);

    [Fact]
    public async Task Extra_settings_and_the_public_url_reach_the_settings_config_map()
    {
        var environment = (await chart.RenderAsync(ExtraSettings)).Environment;

        Assert.True(environment["Notifications__Smtp__Host"].FromConfigMap);
        Assert.Equal("smtp.example.org", environment.Value("Notifications__Smtp__Host"));
        Assert.Equal("https://network.example.org/", environment.Value("Network__PublicUrl"));
    }

    [Fact]
    public async Task An_extra_setting_that_would_replace_one_the_chart_makes_stops_the_render()
    {
        var render = await chart.AttemptAsync(ExtraSettingOverChartSetting);

        // A cluster on Kubernetes must stay on PostgreSQL; the value that sets a chart setting is in values.yaml.
        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains("extraSettings.Storage__Provider is a setting the chart makes itself", render.Errors, StringComparison.Ordinal);
    }
}
