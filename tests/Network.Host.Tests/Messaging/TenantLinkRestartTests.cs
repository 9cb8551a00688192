using System.Text.Json;
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
        var notes = (await forum.CommitmentAsync(forum.OwnCommitment)).History.Where(h => h.Kind == "progress").Select(h => h.Note).ToList();
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
}
