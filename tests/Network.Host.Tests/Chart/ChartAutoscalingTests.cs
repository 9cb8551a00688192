namespace Network.Host.Tests.Chart;

/// <summary>The HorizontalPodAutoscaler exists only when enabled, and then owns the replica count.</summary>
public sealed class ChartAutoscalingTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Theory]
    [InlineData("default")]
    [InlineData("postgres-tls")]
    public async Task Without_autoscaling_there_is_no_autoscaler_and_the_deployment_sets_the_replicas(string name)
    {
        var render = await chart.RenderAsync(name);

        Assert.Empty(render.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal("2", render.One("Deployment").Map("spec").Text("replicas"));
    }

    [Fact]
    public async Task With_autoscaling_the_autoscaler_scales_the_deployment_which_leaves_the_replicas_to_it()
    {
        var render = await chart.RenderAsync(ChartCase.ThreeReplicas);
        var deployment = render.One("Deployment");
        var autoscaler = render.One("HorizontalPodAutoscaler");

        Assert.Equal("autoscaling/v2", autoscaler.Text("apiVersion"));
        var target = autoscaler.Map("spec").Map("scaleTargetRef");
        Assert.Equal("Deployment", target.Text("kind"));
        Assert.Equal(deployment.Map("metadata").Text("name"), target.Text("name"));
        Assert.Equal("3", autoscaler.Map("spec").Text("minReplicas"));
        // Otherwise every upgrade would reset the count the autoscaler chose.
        Assert.Null(deployment.Map("spec").Find("replicas"));
    }
}
