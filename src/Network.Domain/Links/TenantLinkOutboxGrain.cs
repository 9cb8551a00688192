using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Network.Domain.Storage;
using Network.Domain.Telemetry;

namespace Network.Domain.Links;

/// <summary>
/// See <see cref="ITenantLinkOutboxGrain"/>. The waiting messages are rows of the link outbox queue
/// (<see cref="StateQueues.LinkOutbox"/>), owned by the tenant: a commitment queues the messages of its change in the
/// write of that change, <see cref="Enqueue"/> queues those of others in this grain's own write, and the send pass
/// takes them oldest first and deletes each in the write that records it as sent. The grain's state is only that
/// bookkeeping, so no write grows with the backlog. Calls interleave with a send in progress, so a slow or absent
/// broker never holds up the grains handing events on: only the state writes take turns (<see cref="_writing"/>).
/// </summary>
[GrainType("tenant-link-outbox")]
public sealed partial class TenantLinkOutboxGrain(
    [PersistentState("tenant-link-outbox", StorageNames.Network)] IPersistentState<TenantLinkOutboxGrain.State> state,
    IStateLogReader logs,
    ILinkTransport transport,
    NetworkMetrics metrics,
    TimeProvider clock,
    ILogger<TenantLinkOutboxGrain> logger)
    : Grain, ITenantLinkOutboxGrain, IDisposable
{
    /// <summary>The pause before retrying after a failed send grows from the first to the last of these.</summary>
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    /// <summary>The most messages read from the queue, sent, and deleted in one write.</summary>
    public const int SendBatch = 100;

    /// <summary>How long one send may wait for the broker before it counts as failed and is retried later.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What the next write adds to and deletes from the queue, and the ids it records as sent (each a member of
    /// <see cref="StateKeySets.SentLinkMessageIds"/>, which keeps a message handed on again from being queued again).
    /// A state stored before the queue kept its waiting messages in a list; the schema moved them to the queue, and
    /// the next write leaves the list out.
    /// </summary>
    public sealed class State() : SentIdState(StateKeySets.SentLinkMessageIds), IAppendsRows
    {
        [JsonIgnore]
        internal List<QueueRow> Queued { get; } = [];

        [JsonIgnore]
        internal List<QueuedKey> Taken { get; } = [];

        IReadOnlyList<QueueRow> IAppendsRows.PendingQueueRows => Queued;

        IReadOnlyList<QueuedKey> IAppendsRows.PendingQueueRemovals => Taken;

        public override void RowsStored()
        {
            base.RowsStored();
            Queued.Clear();
            Taken.Clear();
        }
    }

    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _passRunning;
    private bool _askedAgain;
    private IGrainTimer? _nextPass;
    private TimeSpan _nextRetry = FirstRetry;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task Enqueue(IReadOnlyList<LinkMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        EngineOnly.Require(TenantId);
        if (messages.Count == 0)
        {
            return;
        }
        await _writing.WaitAsync();
        try
        {
            // The queue skips a message already queued or already sent under its id (ids a state stored before the
            // sent-id set still holds are looked up here).
            var now = clock.GetUtcNow();
            state.State.Queued.AddRange(messages.Where(m => !state.State.SentIds.Contains(m.MessageId)).Select(m => new QueueRow(StateQueues.LinkOutbox, TenantId, m.MessageId, m.Source, m.Type, m.Json, now)));
            await WriteAsync();
        }
        finally
        {
            _writing.Release();
        }
        StartPass();
    }

    public Task SendPending()
    {
        EngineOnly.Require(TenantId);
        StartPass();
        return Task.CompletedTask;
    }

    public async Task<int> Pending()
    {
        EngineOnly.Require(TenantId);
        return (await logs.QueuedAsync(StateQueues.LinkOutbox, TenantId, int.MaxValue)).Count;
    }

    public void Dispose() => _writing.Dispose();

    /// <summary>
    /// Starts a send pass unless one runs or waits to retry; the caller does not wait for the broker. A pass that
    /// runs reads the queue once more before it ends, since what woke it now may have been stored after its last read.
    /// </summary>
    private void StartPass()
    {
        if (_passRunning)
        {
            _askedAgain = true;
        }
        else if (_nextPass is null)
        {
            SchedulePass(TimeSpan.Zero);
        }
    }

    private void SchedulePass(TimeSpan after) =>
        // KeepAlive holds the grain in memory while messages wait; after a host restart the start-up resumes it.
        _nextPass = this.RegisterGrainTimer(static (grain, _) => grain.PassAsync(), this,
            new GrainTimerCreationOptions(after, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });

    private async Task PassAsync()
    {
        _nextPass?.Dispose();
        _nextPass = null;
        if (_passRunning)
        {
            return;
        }
        _passRunning = true;
        try
        {
            await SendAllAsync();
        }
        finally
        {
            _passRunning = false;
        }
    }

    /// <summary>
    /// Sends the queued messages oldest first, a run of at most <see cref="SendBatch"/> at a time, and deletes each
    /// run's sent messages in one write (recording their ids as sent). The messages of one source (a commitment, a
    /// workflow instance) go one after another, in order; different sources' go side by side, so the broker's
    /// confirms of one source's messages overlap with another's instead of adding up. A source whose send fails
    /// stops there (its later messages wait for the retry, so none overtakes it); the others finish their part of the
    /// run. A crash before the write resends that run under the same ids, which every receiver applies once.
    /// </summary>
    private async Task SendAllAsync()
    {
        while (true)
        {
            _askedAgain = false;
            var run = await logs.QueuedAsync(StateQueues.LinkOutbox, TenantId, SendBatch);
            if (run.Count == 0)
            {
                if (_askedAgain)
                {
                    continue;
                }
                return;
            }
            var sent = await Task.WhenAll(run.GroupBy(row => row.Source, StringComparer.Ordinal).Select(SendInOrderAsync));
            var failed = sent.Any(part => part.Failed);
            var done = sent.SelectMany(part => part.Sent).OrderBy(row => row.Seq).ToList();
            if (done.Count > 0)
            {
                _nextRetry = FirstRetry;
                await RecordSentAsync(done);
            }
            if (failed)
            {
                SchedulePass(_nextRetry);
                _nextRetry = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, _nextRetry.Ticks * 2));
                return;
            }
        }
    }

    /// <summary>Sends one source's messages of a run in order, stopping at the first the broker did not take.</summary>
    private async Task<(List<QueueRow> Sent, bool Failed)> SendInOrderAsync(IEnumerable<QueueRow> rows)
    {
        var sent = new List<QueueRow>();
        foreach (var next in rows)
        {
            try
            {
                using var timeout = new CancellationTokenSource(SendTimeout);
                await transport.PublishAsync(TenantId, new LinkMessage(next.Key, next.Kind, next.Body, next.Source), timeout.Token);
                metrics.LinkMessageOut(next.Kind);
                sent.Add(next);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                LogSendFailed(logger, error, next.Kind, next.Key, TenantId, _nextRetry);
                return (sent, true);
            }
        }
        return (sent, false);
    }

    private async Task RecordSentAsync(IReadOnlyList<QueueRow> sent)
    {
        await _writing.WaitAsync();
        try
        {
            state.State.Taken.AddRange(sent.Select(row => new QueuedKey(row.Queue, row.Owner, row.Key)));
            state.State.Sent.Add(TenantId, sent.Select(row => row.Key), state.State.SentIds, clock.GetUtcNow());
            await WriteAsync();
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task WriteAsync()
    {
        await state.WriteOrStartOverAsync(this, forget: () =>
        {
            // The runs read from the queue are re-read from it by the next activation.
            state.State.Queued.Clear();
            state.State.Taken.Clear();
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Type} {MessageId} to tenant {Tenant}'s link; retrying in {Wait}")]
    private static partial void LogSendFailed(ILogger logger, Exception error, string type, string messageId, string tenant, TimeSpan wait);
}
