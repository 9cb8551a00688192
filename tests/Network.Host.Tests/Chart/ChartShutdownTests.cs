using System.Globalization;

namespace Network.Host.Tests.Chart;

/// <summary>
/// Kubernetes kills a pod terminationGracePeriodSeconds after SIGTERM, preStop sleep included: the silo's own
/// shutdown timeout (Cluster:ShutdownTimeout) must end before that, or it dies holding grains.
/// </summary>
public sealed class ChartShutdownTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    private const string Refusal = "must be above preStopSleepSeconds";

    private static readonly ChartCase GraceEqualToTimeout =
        new("grace-equal-to-timeout", [], ["terminationGracePeriodSeconds=45", "shutdownTimeout=00:00:45"]);

    private static readonly ChartCase GraceWithoutRoomForTheSleep =
        new("grace-without-room-for-the-sleep", [], ["terminationGracePeriodSeconds=50", "shutdownTimeout=00:00:45", "preStopSleepSeconds=5"]);

    [Theory]
    [MemberData(nameof(ChartCase.CiNames), MemberType = typeof(ChartCase))]
    public async Task The_grace_period_is_above_the_hosts_shutdown_timeout_and_the_pre_stop_sleep(string name)
    {
        var render = await chart.RenderAsync(name);
        var grace = TimeSpan.FromSeconds(int.Parse(render.PodSpec.Text("terminationGracePeriodSeconds"), CultureInfo.InvariantCulture));
        var timeout = TimeSpan.Parse(render.Environment.Value("Cluster__ShutdownTimeout"), CultureInfo.InvariantCulture);
        var sleep = TimeSpan.FromSeconds(int.Parse(
            render.Container.Map("lifecycle").Map("preStop").Map("sleep").Text("seconds"), CultureInfo.InvariantCulture));

        Assert.True(sleep > TimeSpan.Zero, $"{name}: no preStop sleep, so the Service may still send requests to a leaving silo.");
        Assert.True(grace > timeout + sleep, $"{name}: grace period {grace} is not above the shutdown timeout {timeout} plus the preStop sleep {sleep}.");
    }

    [Fact]
    public async Task A_grace_period_not_above_the_shutdown_timeout_stops_the_render()
    {
        var render = await chart.AttemptAsync(GraceEqualToTimeout);

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains($"terminationGracePeriodSeconds (45) {Refusal} (5) + shutdownTimeout (00:00:45 = 45 s)", render.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grace_period_that_leaves_no_room_for_the_pre_stop_sleep_stops_the_render()
    {
        var render = await chart.AttemptAsync(GraceWithoutRoomForTheSleep);

        Assert.NotEqual(0, render.ExitCode);
        Assert.Contains(Refusal, render.Errors, StringComparison.Ordinal);
    }
}
