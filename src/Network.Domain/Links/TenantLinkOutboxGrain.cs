using Microsoft.Extensions.Logging;
using Network.Domain.Storage;
using Network.Domain.Telemetry;

namespace Network.Domain.Links;

/// <summary>
/// See <see cref="ITenantLinkOutboxGrain"/>. Calls interleave with a send in progress, so a slow or absent broker
/// never holds up the grains handing events on: only the state writes take turns (<see cref="_writing"/>), and the
/// send pass only ever removes the oldest message while calls only append.
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

    /// <summary>The most messages sent between two writes of the state.</summary>
    public const int SendBatch = 100;

    /// <summary>How long one send may wait for the broker before it counts as failed and is retried later.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The messages waiting to be sent. The ids of those sent are not in it: each is a member of the sent-id set
    /// (<see cref="StateKeySets.SentLinkMessageIds"/>), added in the write that follows its confirm, so a write costs
    /// the same however many messages went out before.
    /// </summary>
    public sealed class State() : SentIdState(StateKeySets.SentLinkMessageIds)
    {
        /// <summary>Oldest first.</summary>
        public List<LinkMessage> Pending { get; set; } = [];
    }

    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _passRunning;
    private IGrainTimer? _nextPass;
    private TimeSpan _nextRetry = FirstRetry;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task Enqueue(IReadOnlyList<LinkMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        EngineOnly.Require(TenantId);
        await _writing.WaitAsync();
        try
        {
            var known = state.State.Pending.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
            var fresh = new List<LinkMessage>();
            foreach (var message in messages.Where(m => known.Add(m.MessageId)))
            {
                if (!await state.State.Sent.WasSentAsync(logs, TenantId, message.MessageId, state.State.SentIds))
                {
                    fresh.Add(message);
                }
            }
            if (fresh.Count == 0)
            {
                return;
            }
            state.State.Pending.AddRange(fresh);
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

    public Task<int> Pending()
    {
        EngineOnly.Require(TenantId);
        return Task.FromResult(state.State.Pending.Count);
    }

    public void Dispose() => _writing.Dispose();

    /// <summary>Starts a send pass unless one runs or waits to retry; the caller does not wait for the broker.</summary>
    private void StartPass()
    {
        if (state.State.Pending.Count > 0 && !_passRunning && _nextPass is null)
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
    /// Sends the pending messages in order, one after another, and writes the state once per run of confirmed sends
    /// (at most <see cref="SendBatch"/>): the state holds the whole pending list, so a write per message made a
    /// backlog cost its length squared. A crash before the write resends that run under the same ids, which every
    /// receiver applies once.
    /// </summary>
    private async Task SendAllAsync()
    {
        while (state.State.Pending.Count > 0)
        {
            // Calls only append while this runs, so the first messages stay the ones sent here.
            var run = state.State.Pending.Take(SendBatch).ToList();
            var sent = 0;
            Exception? failure = null;
            foreach (var next in run)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(SendTimeout);
                    await transport.PublishAsync(TenantId, next, timeout.Token);
                    metrics.LinkMessageOut(next.Type);
                    sent++;
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    LogSendFailed(logger, error, next.Type, next.MessageId, TenantId, _nextRetry);
                    failure = error;
                    break;
                }
            }
            if (sent > 0)
            {
                _nextRetry = FirstRetry;
                await _writing.WaitAsync();
                try
                {
                    state.State.Pending.RemoveRange(0, sent);
                    state.State.Sent.Add(TenantId, run.Take(sent).Select(m => m.MessageId), state.State.SentIds, clock.GetUtcNow());
                    await WriteAsync();
                }
                finally
                {
                    _writing.Release();
                }
            }
            if (failure is not null)
            {
                SchedulePass(_nextRetry);
                _nextRetry = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, _nextRetry.Ticks * 2));
                return;
            }
        }
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory is ahead of storage: start again from what is stored at the next call.
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Type} {MessageId} to tenant {Tenant}'s link; retrying in {Wait}")]
    private static partial void LogSendFailed(ILogger logger, Exception error, string type, string messageId, string tenant, TimeSpan wait);
}
