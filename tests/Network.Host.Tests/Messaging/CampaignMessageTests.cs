using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Contracts.Messaging;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Messaging;

/// <summary>
/// A linked campaign's news starts, once per message, the workflows that start on it: as the campaign tenant's event,
/// with the definitions it runs (here one its parent, the forum, published for its subtree).
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class CampaignMessageTests(RabbitMqServer broker)
{
    private const string CampaignNews = """
        id: campaign-news
        version: 1
        title: Tell the coordinator what a linked campaign reports
        starts-on:
          event: CampaignUpdated
          inputs:
            campaignId: event.campaignId
            summary: event.summary
        inputs: [campaignId, summary]
        steps:
          - id: tell-the-coordinator
            notify: tenant-coordinator
            message: "'News from ' + input.campaignId + ': ' + input.summary"
        """;

    [Fact]
    public async Task CampaignUpdated_starts_the_workflows_that_start_on_it_once_per_message()
    {
        await using var forum = await LinkedForum.StartAsync(broker);
        using var root = forum.Root();
        var un = await root.CreateTenantAsync(Infrastructure.Api.UniqueId("un-together"), "UN Together campaign", "campaign", forum.Scope.Forum.Id);
        var unKey = (await root.IssueKeyAsync(un.Id, "integration", "campaign secretariat")).Key;
        using (var published = await forum.Coordinator.PostAsync(new Uri($"api/tenants/{forum.Scope.Forum.Id}/workflows", UriKind.Relative),
                   new StringContent(CampaignNews, Encoding.UTF8, "text/yaml")))
        {
            await Infrastructure.Api.EnsureStatusAsync(published, HttpStatusCode.Created);
        }

        var news = new
        {
            messageId = "news-1",
            tenantId = un.Id,
            occurredAt = DateTimeOffset.UtcNow,
            campaignId = "together",
            summary = "Launch moved to 18 December",
        };
        await forum.PublishPlainAsync(nameof(CampaignUpdated), news, unKey, TenantLinks.InboundExchange(un.Id));
        await forum.PublishPlainAsync(nameof(CampaignUpdated), news, unKey, TenantLinks.InboundExchange(un.Id));

        var listUri = $"api/tenants/{forum.Scope.Forum.Id}/workflow-instances?definition=campaign-news";
        var page = await Eventually.ReadAsync(() => forum.Coordinator.GetFromJsonAsync<WorkflowInstancePage>(listUri), p => p!.Total >= 1);
        await forum.DrainedAsync(TenantLinks.InboundExchange(un.Id));
        page = await forum.Coordinator.GetFromJsonAsync<WorkflowInstancePage>(listUri);
        var instance = Assert.Single(page!.Items);
        Assert.Equal(un.Id, instance.HomeTenant);

        var inbox = await Eventually.ReadAsync(
            () => forum.Coordinator.GetStringAsync(new Uri($"api/tenants/{un.Id}/inbox", UriKind.Relative)),
            text => text.Contains("Launch moved to 18 December", StringComparison.Ordinal));
        Assert.Contains("News from together: Launch moved to 18 December", inbox, StringComparison.Ordinal);
    }
}
