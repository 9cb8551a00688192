using YamlDotNet.RepresentationModel;

namespace Network.Host.Tests.Chart;

/// <summary>Only the release's own pods reach the silo and gateway ports; the http port stays open.</summary>
public sealed class ChartNetworkPolicyTests(ChartFixture chart) : IClassFixture<ChartFixture>
{
    [Theory]
    [MemberData(nameof(ChartCase.CiNames), MemberType = typeof(ChartCase))]
    public async Task Only_the_releases_pods_reach_the_silo_and_gateway_ports(string name)
    {
        var render = await chart.RenderAsync(name);
        var releasePods = render.One("Deployment").Map("spec").Map("selector").Map("matchLabels").Strings();
        var spec = render.One("NetworkPolicy").Map("spec");

        // The policy covers the release's pods and their incoming traffic.
        Assert.Equal(releasePods, spec.Map("podSelector").Map("matchLabels").Strings());
        Assert.Contains("Ingress", spec.Seq("policyTypes").Texts());

        var rules = spec.Seq("ingress").Maps().ToList();
        foreach (var clusterPort in new[] { "silo", "gateway" })
        {
            var admitting = rules.Where(rule => Admits(rule, clusterPort)).ToList();
            Assert.NotEmpty(admitting);
            foreach (var rule in admitting)
            {
                // Each rule that opens a cluster port names its peers, and they are the release's pods alone.
                Assert.True(rule.Find("from") is YamlSequenceNode, $"{name}: a rule opens the {clusterPort} port to everyone.");
                var peer = Assert.Single(rule.Seq("from").Maps());
                Assert.Equal(["podSelector"], peer.Children.Keys.Select(k => k.ToString()));
                Assert.Equal(releasePods, peer.Map("podSelector").Map("matchLabels").Strings());
            }
        }
        Assert.Contains(rules, rule => Admits(rule, "http"));
    }

    // A rule admits a port when it lists it by name, or by number of the container port of that name, or lists none.
    private static bool Admits(YamlMappingNode rule, string portName) =>
        rule.Find("ports") is not YamlSequenceNode ports || ports.Maps().Any(p => p.Text("port") == portName);
}
