using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Messaging;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Messaging;

/// <summary>
/// Nothing accepted is lost and nothing is applied twice when the broker restarts, or the host is killed (SIGKILL),
/// in the middle of a stream of a partner's messages: every progress report is applied exactly once, and every
/// ProgressReported it caused reaches the partner's outbound queue (repeats of a message id allowed, gaps not).
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class TenantLinkRestartTests(RabbitMqServer broker)
{
    private static readonly string[] Statuses = ["limited", "substantial"];

    [Fact]
    public async Task A_broker_restart_and_a_killed_host_in_mid_flow_lose_nothing_and_double_nothing()
    {
        await using var forum = await LinkedForum.StartAsync(broker);
        var tmp = forum.Scope.Tmp.Id;
        const int perWave = 10;

        async Task PublishWaveAsync(int wave)
        {
            for (var i = 0; i < perWave; i++)
            {
                var n = (wave * perWave) + i;
                await forum.PublishPlainAsync(nameof(ReportProgress),
                    LinkedForum.ReportProgress(tmp, forum.OwnCommitment, Statuses[n % 2], $"stream-{n}", $"update {n}"), forum.TmpKey);
            }
        }

        // Wave 0, then the broker goes down and comes back while the host is handling it.
        await PublishWaveAsync(0);
        await broker.RestartAsync();
        await forum.ReconnectAsync();
        await PublishWaveAsync(1);

        // Wave 2, and the host is killed at once, with messages taken but not yet acknowledged.
        await PublishWaveAsync(2);
        await forum.Host.KillAsync();
        await forum.Host.DisposeAsync();
        await forum.StartHostAsync();

        await forum.DrainedAsync(forum.InExchange);
        var applied = await Eventually.ReadAsync(() => forum.ProgressCountAsync(forum.OwnCommitment), count => count >= 3 * perWave,
            TimeSpan.FromSeconds(60));
        Assert.Equal(3 * perWave, applied);
        var notes = (await forum.HistoryAsync(forum.OwnCommitment)).Where(h => h.Kind == "progress").Select(h => h.Note).ToList();
        Assert.Equal(3 * perWave, notes.Distinct().Count());
        Assert.Equal(0, await forum.QueueDepthAsync(forum.ErrorQueue));

        // Every change went out on TMP's exchange (the link outbox resends what the broker did not confirm).
        var reported = new HashSet<string>(StringComparer.Ordinal);
        while (reported.Count < 3 * perWave)
        {
            var message = await forum.ReceiveAsync(forum.OutQueue, m => m.BasicProperties.Type == nameof(ProgressReported), TimeSpan.FromSeconds(60));
            using var envelope = JsonDocument.Parse(LinkedForum.Text(message));
            reported.Add(envelope.RootElement.GetProperty("message").GetProperty("messageId").GetString()!);
        }
        Assert.Equal(3 * perWave, reported.Count);
    }

    [Fact]
    public async Task While_the_broker_is_down_events_wait_and_new_links_open_once_it_is_back()
    {
        await using var forum = await LinkedForum.StartAsync(broker);
        using var root = forum.Root();
        await broker.StopAsync();
        try
        {
            // A change whose event cannot go out now, and a link made now: both are accepted.
            using (var progress = await forum.Coordinator.PostAsJsonAsync(
                       $"api/tenants/{forum.Scope.Forum.Id}/commitments/{forum.OwnCommitment}/progress", new ReportProgressRequest("limited", "while the broker was down")))
            {
                await Infrastructure.Api.EnsureStatusAsync(progress, HttpStatusCode.OK);
            }
            var gcmKey = (await root.IssueKeyAsync(forum.Scope.Gcm.Id, "integration", "GCM's system")).Key;

            await broker.StartAsync();
            await forum.ReconnectAsync();
            var reported = await forum.ReceiveAsync(forum.OutQueue,
                m => m.BasicProperties.Type == nameof(ProgressReported) && LinkedForum.Text(m).Contains("while the broker was down", StringComparison.Ordinal),
                TimeSpan.FromSeconds(90));
            Assert.NotNull(reported);

            // GCM's link opened once the broker answered: its exchange takes GCM's messages.
            var gcmCommitment = (await forum.ListAsync(forum.Scope.Gcm.Id))[0].Id;
            var gcmIn = TenantLinks.InboundExchange(forum.Scope.Gcm.Id);
            await Eventually.ReadAsync(async () =>
            {
                try
                {
                    await forum.PublishPlainAsync(nameof(ReportProgress),
                        LinkedForum.ReportProgress(forum.Scope.Gcm.Id, gcmCommitment, "substantial", "gcm-1", "from GCM's system"), gcmKey, gcmIn);
                    return true;
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                    return false; // the exchange is not declared yet (404 closes the channel)
                }
            }, published => published, TimeSpan.FromSeconds(60));
            var updated = await Eventually.ReadAsync(() => forum.CommitmentAsync(gcmCommitment),
                c => c.History.Any(h => h.Note == "from GCM's system"), TimeSpan.FromSeconds(30));
            Assert.Contains(updated.History, h => h.Note == "from GCM's system");
        }
        finally
        {
            if (!broker.IsRunning)
            {
                await broker.StartAsync();
            }
        }
    }
}
