using System.Net.Http.Json;
using Network.Contracts.Audit;
using Network.Contracts.Messaging;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Messaging;

/// <summary>A tenant link holds messages to the same limits as requests: a size, and a rate per integration key.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class LinkLimitTests(RabbitMqServer broker)
{
    [Fact]
    public async Task A_message_too_large_or_past_the_keys_rate_goes_to_error_with_the_reason_and_is_audited()
    {
        await using var forum = await LinkedForum.StartAsync(broker, settings: new Dictionary<string, string>
        {
            ["Messaging:MaxMessageBytes"] = "2048",
            ["Limits:Rate:Integration:PermitsPerSecond"] = "1",
            ["Limits:Rate:Integration:Burst"] = "2",
        });
        var tmp = forum.Scope.Tmp.Id;

        await forum.PublishPlainAsync(nameof(ReportProgress),
            LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "limited", "too-big", note: new string('n', 4000)), forum.TmpKey);
        Assert.Contains("Messaging:MaxMessageBytes", LinkedForum.FaultOf(await forum.ReceiveAsync(forum.ErrorQueue, _ => true)), StringComparison.Ordinal);

        // A burst of five from one key: two pass the bucket, the rest are refused with the reason.
        var burst = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            await forum.PublishPlainAsync(nameof(ReportProgress), LinkedForum.ReportProgress(tmp, forum.OwnCommitment, "limited", $"burst-{i}", note: $"burst {i}"), forum.TmpKey);
        }
        // Each is applied or refused, none lost. The bucket refills at 1 a second while the burst is handled, so at most
        // 2 + (a permit for each second begun since the first was sent) pass; on a quiet machine that is 3, on a busy
        // one (the whole suite running beside) the handling may take longer.
        var (applied, refused) = await Eventually.ReadAsync(
            async () => (await forum.ProgressCountAsync(forum.OwnCommitment), (int)await forum.QueueDepthAsync(forum.ErrorQueue)),
            o => o.Item1 + o.Item2 == 5);
        var mostPassing = 2 + (int)Math.Ceiling(burst.Elapsed.TotalSeconds);
        Assert.InRange(refused, Math.Max(0, 5 - mostPassing), 3);
        for (var i = 0; i < refused; i++)
        {
            Assert.Contains("Limits:Rate:Integration", LinkedForum.FaultOf(await forum.ReceiveAsync(forum.ErrorQueue, _ => true)), StringComparison.Ordinal);
        }
        Assert.Equal(5 - refused, applied);

        var audit = (await forum.Coordinator.GetFromJsonAsync<AuditEntryPage>($"api/tenants/{forum.Scope.Forum.Id}/audit?action=message.refused"))!;
        Assert.Contains(audit.Items, e => e.Actor.MessageId == "too-big" && e.Reason!.Contains("MaxMessageBytes", StringComparison.Ordinal));
        Assert.Equal(refused, audit.Items.Count(e => e.Actor.MessageId!.StartsWith("burst-", StringComparison.Ordinal)));
    }
}
