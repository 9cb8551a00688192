using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Network.Host.Tests.Infrastructure;
using Network.Messaging;

namespace Network.Host.Tests.Messaging;

/// <summary>How many messages a tenant link takes at once (<c>Messaging:LinkConcurrency</c>): the broker's prefetch for its consumer.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class LinkConcurrencyTests(RabbitMqServer broker)
{
    [Fact]
    public async Task The_links_consumer_takes_as_many_messages_at_once_as_the_setting_says()
    {
        await using var forum = await LinkedForum.StartAsync(broker, settings: new Dictionary<string, string>
        {
            ["Messaging:LinkConcurrency"] = "7",
        });

        var consumers = await broker.CtlAsync("-q", "list_consumers", "queue_name", "prefetch_count");

        var inbound = consumers.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Single(columns => columns[0] == forum.InExchange);
        Assert.Equal("7", inbound[1]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1001")]
    public void A_setting_out_of_range_stops_the_host_naming_it(string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:LinkConcurrency"] = value })
            .Build();

        var refused = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddNetworkMessaging(configuration));

        Assert.Contains("Messaging:LinkConcurrency", refused.Message, StringComparison.Ordinal);
        Assert.Contains(value, refused.Message, StringComparison.Ordinal);
    }
}
