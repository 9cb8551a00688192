using Microsoft.Extensions.Logging;

namespace Network.Domain.Links;

[GrainType("tenant-link-outbox")]
public sealed partial class TenantLinkOutboxGrain(
    [PersistentState("tenant-link-outbox", StorageNames.Network)] IPersistentState<TenantLinkOutboxGrain.State> state,
    ILinkTransport transport,
    ILogger<TenantLinkOutboxGrain> logger)
    : Grain, ITenantLinkOutboxGrain
{
    /// <summary>Message ids remembered after sending, so a change handed on twice is not sent twice.</summary>
    private const int RememberedIds = 2_000;

    /// <summary>The pause before retrying after a failed send grows from the first to the last of these.</summary>
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    /// <summary>How long one send may wait for the broker; calls to this grain wait meanwhile, so it is kept short.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);

    public sealed class State
    {
        /// <summary>Oldest first.</summary>
        public List<LinkMessage> Pending { get; set; } = [];

        /// <summary>Ids sent, oldest first.</summary>
        public List<string> SentIds { get; set; } = [];
    }

    private Task? _sending;
    private IGrainTimer? _retry;
    private TimeSpan _nextRetry = FirstRetry;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task Enqueue(IReadOnlyList<LinkMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        EngineOnly.Require(TenantId);
        var known = state.State.Pending.Select(m => m.MessageId).Concat(state.State.SentIds).ToHashSet(StringComparer.Ordinal);
        var fresh = messages.Where(m => known.Add(m.MessageId)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }
        state.State.Pending.AddRange(fresh);
        await state.WriteStateAsync();
        StartSending();
    }

    public Task SendPending()
    {
        EngineOnly.Require(TenantId);
        StartSending();
        return Task.CompletedTask;
    }

    public Task<int> Pending()
    {
        EngineOnly.Require(TenantId);
        return Task.FromResult(state.State.Pending.Count);
    }

    /// <summary>Sends in the background, one pass at a time; the caller does not wait for the broker.</summary>
    private void StartSending()
    {
        if (state.State.Pending.Count == 0 || _sending is { IsCompleted: false } || _retry is not null)
        {
            return;
        }
        // A one-shot timer runs the pass inside the grain's turn-based scheduling, without holding up this call.
        _retry = this.RegisterGrainTimer(static (grain, _) => grain.SendPendingAsync(), this,
            new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
    }

    private async Task SendPendingAsync()
    {
        _retry?.Dispose();
        _retry = null;
        var sending = SendAllAsync();
        _sending = sending;
        await sending;
    }

    private async Task SendAllAsync()
    {
        while (state.State.Pending.Count > 0)
        {
            var next = state.State.Pending[0];
            try
            {
                using var timeout = new CancellationTokenSource(SendTimeout);
                await transport.PublishAsync(TenantId, next, timeout.Token);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                LogSendFailed(logger, error, next.Type, next.MessageId, TenantId, _nextRetry);
                ScheduleRetry();
                return;
            }
            _nextRetry = FirstRetry;
            state.State.Pending.RemoveAt(0);
            state.State.SentIds.Add(next.MessageId);
            if (state.State.SentIds.Count > RememberedIds)
            {
                state.State.SentIds.RemoveRange(0, state.State.SentIds.Count - RememberedIds);
            }
            // Written after every confirmed send: a crash now resends at most this one message, under the same id.
            await state.WriteStateAsync();
        }
    }

    private void ScheduleRetry()
    {
        var wait = _nextRetry;
        _nextRetry = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, _nextRetry.Ticks * 2));
        // KeepAlive holds the grain in memory while messages wait; after a host restart the start-up resumes it.
        _retry = this.RegisterGrainTimer(static (grain, _) => grain.SendPendingAsync(), this,
            new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Type} {MessageId} to tenant {Tenant}'s link; retrying in {Wait}")]
    private static partial void LogSendFailed(ILogger logger, Exception error, string type, string messageId, string tenant, TimeSpan wait);
}
