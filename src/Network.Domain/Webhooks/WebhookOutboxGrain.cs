using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Network.Domain.Errors;
using Network.Domain.Links;
using Network.Domain.Storage;
using Network.Domain.Tenancy;
using Network.Domain.Workflows;

namespace Network.Domain.Webhooks;

/// <summary>
/// See <see cref="IWebhookOutboxGrain"/>. Sending runs on grain timers that interleave with calls, so a slow receiver
/// never holds up the grains handing events on; each webhook has its own lane (<see cref="_inFlight"/>), so one
/// failing receiver does not hold up another's deliveries. Every change of the state, and its write, takes its turn
/// (<see cref="_writing"/>). While deliveries wait, a durable reminder wakes the grain after a host restart.
/// </summary>
[GrainType("webhook-outbox")]
public sealed partial class WebhookOutboxGrain(
    [PersistentState("webhook-outbox", StorageNames.Network)] IPersistentState<WebhookOutboxGrain.State> state,
    IWebhookTransport transport,
    IStateLogReader logs,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookOutboxGrain> logger)
    : Grain, IWebhookOutboxGrain, IRemindable, IDisposable
{
    /// <summary>Attempts kept per webhook; older ones drop off.</summary>
    public const int LogSize = 200;

    /// <summary>How long one call may take before it counts as failed.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    private const string WakeReminder = "wake";

    /// <summary>Orleans' shortest reminder period: after a restart a waiting delivery goes out within about this long.</summary>
    private static readonly TimeSpan WakePeriod = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The webhooks, the deliveries waiting and the recent attempts. The ids of deliveries made are members of their
    /// set (<see cref="StateKeySets.SentWebhookDeliveryIds"/>), added with the write after each, not part of the state.
    /// </summary>
    public sealed class State() : SentIdState(StateKeySets.SentWebhookDeliveryIds)
    {
        public List<StoredWebhook> Webhooks { get; set; } = [];

        /// <summary>Oldest first.</summary>
        public List<PendingDelivery> Pending { get; set; } = [];

        /// <summary>Attempts by webhook id, oldest first.</summary>
        public Dictionary<string, List<WebhookAttempt>> Log { get; set; } = new(StringComparer.Ordinal);
    }

    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private IGrainTimer? _timer;
    private DateTimeOffset _timerDue;
    private int _timerGeneration;

    /// <summary>Whether the wake reminder is registered; null until this activation knows.</summary>
    private bool? _reminderOn;

    public static string KeyFor(TenantPath tenant) => TenantScopedKey.For(tenant, "webhooks");

    private TenantPath Tenant => TenantScopedKey.TenantOf(this.GetPrimaryKeyString());

    private WebhookOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A crash between a disabling and its notice: tell the coordinator now (the inbox drops a repeat by id).
        foreach (var hook in state.State.Webhooks.Where(h => !h.NoticeGiven).ToList())
        {
            await NoticeAsync(hook);
        }
        Arm();
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<RegisteredWebhook> Register(string url, IReadOnlyList<string> events)
    {
        CallerAccess.RequireCoordinator("register webhooks");
        var checkedUrl = WebhookRules.Url(url, Options.AllowHttp);
        var checkedEvents = WebhookRules.Events(events);
        await _writing.WaitAsync();
        try
        {
            if (state.State.Webhooks.Count >= WebhookRules.MaxPerTenant)
            {
                throw new DomainConflictException($"A tenant has at most {WebhookRules.MaxPerTenant} webhooks; delete one first.");
            }
            var hook = new StoredWebhook
            {
                Id = "wh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)),
                Url = checkedUrl,
                Events = [.. checkedEvents],
                Secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
                CreatedAt = clock.GetUtcNow(),
            };
            // The directory learns of an addition before it is stored: a crash in between leaves a type with no
            // webhook behind it (harmless), never a webhook the events do not reach.
            await SetDirectoryAsync(EnabledEvents().Concat(hook.Events));
            state.State.Webhooks.Add(hook);
            await state.WriteOrStartOverAsync(this);
            return new RegisteredWebhook(Info(hook), hook.Secret);
        }
        finally
        {
            _writing.Release();
        }
    }

    public Task<IReadOnlyList<WebhookInfo>> List()
    {
        CallerAccess.RequireCoordinator("list webhooks");
        return Task.FromResult<IReadOnlyList<WebhookInfo>>(state.State.Webhooks.Select(Info).ToList());
    }

    public Task<WebhookInfo?> Describe(string webhookId)
    {
        CallerAccess.RequireCoordinator("read webhooks");
        return Task.FromResult(Find(webhookId) is { } hook ? Info(hook) : null);
    }

    public async Task<bool> Delete(string webhookId)
    {
        CallerAccess.RequireCoordinator("delete webhooks");
        await _writing.WaitAsync();
        try
        {
            if (Find(webhookId) is not { } hook)
            {
                return false;
            }
            state.State.Webhooks.Remove(hook);
            state.State.Pending.RemoveAll(d => d.WebhookId == webhookId);
            state.State.Log.Remove(webhookId);
            await state.WriteOrStartOverAsync(this);
            await SyncReminderAsync();
        }
        finally
        {
            _writing.Release();
        }
        // A removal reaches the directory after it is stored (a crash in between leaves a harmless extra type).
        await SetDirectoryAsync(EnabledEvents());
        Arm();
        return true;
    }

    public async Task<WebhookInfo?> Enable(string webhookId)
    {
        CallerAccess.RequireCoordinator("enable webhooks");
        await _writing.WaitAsync();
        try
        {
            if (Find(webhookId) is not { } hook)
            {
                return null;
            }
            if (!hook.Enabled)
            {
                await SetDirectoryAsync(EnabledEvents().Concat(hook.Events));
                hook.Enabled = true;
                hook.DisabledReason = null;
                hook.DisabledSince = null;
                hook.FailingSince = null;
                var now = clock.GetUtcNow();
                foreach (var delivery in state.State.Pending.Where(d => d.WebhookId == webhookId))
                {
                    delivery.NextAttemptAt = now;
                }
                await state.WriteOrStartOverAsync(this);
                await SyncReminderAsync();
            }
            Arm();
            return Info(hook);
        }
        finally
        {
            _writing.Release();
        }
    }

    public async Task<string?> SendTest(string webhookId)
    {
        CallerAccess.RequireCoordinator("test webhooks");
        await _writing.WaitAsync();
        try
        {
            if (Find(webhookId) is null)
            {
                return null;
            }
            var now = clock.GetUtcNow();
            var messageId = "test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
            var ping = new JsonObject
            {
                ["messageId"] = messageId,
                ["tenantId"] = Tenant.TenantId,
                ["occurredAt"] = now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                ["homeTenant"] = Tenant.Value,
                ["webhookId"] = webhookId,
            };
            var delivery = new PendingDelivery
            {
                DeliveryId = $"{messageId}#{webhookId}",
                WebhookId = webhookId,
                EventType = WebhookRules.TestEvent,
                Json = ping.ToJsonString(),
                NextAttemptAt = now,
            };
            await AddAsync([delivery]);
            return delivery.DeliveryId;
        }
        finally
        {
            _writing.Release();
        }
    }

    public Task<WebhookAttemptPage?> Attempts(string webhookId, int offset, int limit)
    {
        CallerAccess.RequireCoordinator("read webhook deliveries");
        if (Find(webhookId) is null)
        {
            return Task.FromResult<WebhookAttemptPage?>(null);
        }
        var log = state.State.Log.TryGetValue(webhookId, out var kept) ? kept : [];
        var page = Enumerable.Reverse(log).Skip(offset).Take(limit).ToList();
        return Task.FromResult<WebhookAttemptPage?>(new WebhookAttemptPage(page, log.Count));
    }

    public async Task Enqueue(LinkMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        EngineOnly.Require(Tenant.Value);
        await _writing.WaitAsync();
        try
        {
            var known = state.State.Pending.Select(d => d.DeliveryId).ToHashSet(StringComparer.Ordinal);
            var now = clock.GetUtcNow();
            var body = WebhookBody.Of(message.Type, message.Json);
            var fresh = state.State.Webhooks
                .Where(h => h.Enabled && h.Events.Contains(message.Type, StringComparer.Ordinal))
                .Select(h => new PendingDelivery
                {
                    DeliveryId = $"{message.MessageId}#{h.Id}",
                    WebhookId = h.Id,
                    EventType = message.Type,
                    Json = body,
                    NextAttemptAt = now,
                })
                .Where(d => known.Add(d.DeliveryId))
                .ToList();
            var unsent = new List<PendingDelivery>();
            foreach (var delivery in fresh)
            {
                if (!await state.State.Sent.WasSentAsync(logs, this.GetPrimaryKeyString(), delivery.DeliveryId, state.State.SentIds))
                {
                    unsent.Add(delivery);
                }
            }
            if (unsent.Count > 0)
            {
                await AddAsync(unsent);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // Waking is all it takes: the activation armed the timer; a reminder nobody needs any more is dropped.
        Arm();
        return SyncReminderUnderTurnAsync();
    }

    public void Dispose() => _writing.Dispose();

    /// <summary>Stores new deliveries (the caller holds <see cref="_writing"/>) and arms the timer.</summary>
    private async Task AddAsync(IReadOnlyList<PendingDelivery> deliveries)
    {
        // The reminder first: if the write then fails, a reminder with nothing to wake is dropped at its tick.
        state.State.Pending.AddRange(deliveries);
        await SyncReminderAsync();
        await state.WriteOrStartOverAsync(this);
        Arm();
    }

    /// <summary>
    /// Makes sure a timer fires when the earliest waiting delivery of an enabled webhook whose lane is idle is due.
    /// A lane that ends arms again, so deliveries of a webhook being sent are picked up then.
    /// </summary>
    private void Arm()
    {
        DateTimeOffset? due = null;
        foreach (var delivery in state.State.Pending)
        {
            if (!_inFlight.Contains(delivery.WebhookId) && Find(delivery.WebhookId) is { Enabled: true }
                && (due is null || delivery.NextAttemptAt < due))
            {
                due = delivery.NextAttemptAt;
            }
        }
        if (due is null || (_timer is not null && _timerDue <= due))
        {
            return;
        }
        _timer?.Dispose();
        var wait = due.Value - clock.GetUtcNow();
        var generation = ++_timerGeneration;
        _timerDue = due.Value;
        // KeepAlive holds the grain in memory while deliveries wait; after a restart the reminder wakes it.
        _timer = this.RegisterGrainTimer(static (tick, _) => tick.Grain.TickAsync(tick.Generation), (Grain: this, Generation: generation),
            new GrainTimerCreationOptions(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    private async Task TickAsync(int generation)
    {
        if (generation == _timerGeneration)
        {
            _timer?.Dispose();
            _timer = null;
        }
        var now = clock.GetUtcNow();
        var lanes = state.State.Webhooks
            .Where(h => h.Enabled && !_inFlight.Contains(h.Id) && state.State.Pending.Any(d => d.WebhookId == h.Id && d.NextAttemptAt <= now))
            .Select(h => RunLaneAsync(h.Id))
            .ToList();
        Arm();
        await Task.WhenAll(lanes);
    }

    /// <summary>Sends the webhook's due deliveries, oldest first, one at a time; each failure is retried on its own schedule.</summary>
    private async Task RunLaneAsync(string webhookId)
    {
        _inFlight.Add(webhookId);
        try
        {
            while (NextDue(webhookId) is { } delivery)
            {
                await AttemptAsync(delivery);
            }
        }
        finally
        {
            _inFlight.Remove(webhookId);
            Arm();
        }
    }

    private PendingDelivery? NextDue(string webhookId)
    {
        if (Find(webhookId) is not { Enabled: true })
        {
            return null;
        }
        var now = clock.GetUtcNow();
        return state.State.Pending.FirstOrDefault(d => d.WebhookId == webhookId && d.NextAttemptAt <= now);
    }

    private async Task AttemptAsync(PendingDelivery delivery)
    {
        var hook = Find(delivery.WebhookId)!;
        var at = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        int? status = null;
        string? error = null;
        try
        {
            using var timeout = new CancellationTokenSource(SendTimeout);
            status = await transport.PostAsync(WebhookPost.Create(hook.Url, hook.Secret, delivery.DeliveryId, delivery.EventType, delivery.Json, at), timeout.Token);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            error = Explain(failure);
        }
        var took = (long)clock.GetElapsedTime(started).TotalMilliseconds;
        var delivered = status is >= 200 and <= 299;

        StoredWebhook? disabled = null;
        await _writing.WaitAsync();
        try
        {
            // Deleted while the call was on its way: nothing left to record.
            if (!state.State.Pending.Contains(delivery) || Find(delivery.WebhookId) is not { } current)
            {
                return;
            }
            delivery.Attempts++;
            Record(current.Id, new WebhookAttempt(delivery.DeliveryId, delivery.EventType, delivery.Attempts, at, status, error, took,
                delivered ? WebhookOutcomes.Delivered : WebhookOutcomes.Failed));
            var now = clock.GetUtcNow();
            if (delivered)
            {
                state.State.Pending.Remove(delivery);
                Remember(delivery.DeliveryId);
                current.FailingSince = null;
            }
            else
            {
                var wait = Options.RetryAfter(delivery.Attempts);
                delivery.NextAttemptAt = now + wait;
                current.FailingSince ??= at;
                LogFailed(logger, delivery.DeliveryId, Tenant.Value, status?.ToString(CultureInfo.InvariantCulture) ?? error ?? "", wait);
                if (current.Enabled && now - current.FailingSince >= Options.DisableAfter)
                {
                    Disable(current, now, status is { } s ? $"HTTP {s}" : error);
                    disabled = current;
                }
            }
            // Written after every attempt: a crash now resends at most this delivery, under the same id.
            await state.WriteOrStartOverAsync(this);
            await SyncReminderAsync();
        }
        finally
        {
            _writing.Release();
        }
        if (disabled is not null)
        {
            await SetDirectoryAsync(EnabledEvents());
            await NoticeAsync(disabled);
        }
    }

    private void Disable(StoredWebhook hook, DateTimeOffset now, string? lastError)
    {
        hook.Enabled = false;
        hook.DisabledSince = now;
        hook.DisabledReason = string.Create(CultureInfo.InvariantCulture,
            $"Every delivery failed since {hook.FailingSince:u} (longer than {Options.DisableAfter}); the last answer: {lastError}.");
        hook.Disablings++;
        hook.NoticeGiven = false;
        LogDisabled(logger, hook.Id, Tenant.Value, hook.DisabledReason);
    }

    /// <summary>Tells the tenant's coordinators through its inbox that the webhook was disabled, once per disabling.</summary>
    private async Task NoticeAsync(StoredWebhook hook)
    {
        var waiting = state.State.Pending.Count(d => d.WebhookId == hook.Id);
        var entry = new InboxEntry(
            $"{Tenant.Value}|webhook-{hook.Id}-disabled-{hook.Disablings}", "notification", hook.DisabledSince ?? clock.GetUtcNow(),
            Tenant.Value, "", "webhook-disabled", "tenant-coordinator",
            $"The webhook {hook.Id} ({hook.Url}) was disabled. {hook.DisabledReason} Its {waiting} waiting deliveries are kept: " +
            $"enable it again (POST /api/tenants/{Tenant.TenantId}/webhooks/{hook.Id}:enable) once the receiver answers, and they are sent.",
            null, null, null);
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            await GrainFactory.GetGrain<ITenantInboxGrain>(TenantInboxGrain.KeyFor(Tenant)).Add(entry);
        }
        await _writing.WaitAsync();
        try
        {
            hook.NoticeGiven = true;
            await state.WriteOrStartOverAsync(this);
        }
        finally
        {
            _writing.Release();
        }
    }

    private void Record(string webhookId, WebhookAttempt attempt)
    {
        if (!state.State.Log.TryGetValue(webhookId, out var log))
        {
            state.State.Log[webhookId] = log = [];
        }
        log.Add(attempt);
        if (log.Count > LogSize)
        {
            log.RemoveRange(0, log.Count - LogSize);
        }
    }

    private void Remember(string deliveryId) =>
        state.State.Sent.Add(this.GetPrimaryKeyString(), [deliveryId], state.State.SentIds, clock.GetUtcNow());

    private StoredWebhook? Find(string webhookId) => state.State.Webhooks.FirstOrDefault(h => h.Id == webhookId);

    private IEnumerable<string> EnabledEvents() => state.State.Webhooks.Where(h => h.Enabled).SelectMany(h => h.Events);

    private WebhookInfo Info(StoredWebhook hook) => new(
        hook.Id, hook.Url, hook.Events.ToList(), hook.CreatedAt, hook.Enabled, hook.DisabledReason, hook.DisabledSince,
        state.State.Pending.Count(d => d.WebhookId == hook.Id));

    private async Task SetDirectoryAsync(IEnumerable<string> eventTypes)
    {
        var types = eventTypes.Distinct(StringComparer.Ordinal).ToList();
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        await GrainFactory.GetGrain<IWebhookDirectoryGrain>(IWebhookDirectoryGrain.Key).Put(Tenant.Value, types);
    }

    /// <summary>The reminder is on while a delivery of an enabled webhook waits (the caller holds <see cref="_writing"/>).</summary>
    private async Task SyncReminderAsync()
    {
        var wanted = state.State.Pending.Any(d => Find(d.WebhookId) is { Enabled: true });
        if (wanted == _reminderOn)
        {
            return;
        }
        if (wanted)
        {
            await this.RegisterOrUpdateReminder(WakeReminder, WakePeriod, WakePeriod);
        }
        else if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        _reminderOn = wanted;
    }

    private async Task SyncReminderUnderTurnAsync()
    {
        await _writing.WaitAsync();
        try
        {
            await SyncReminderAsync();
        }
        finally
        {
            _writing.Release();
        }
    }

    private static string Explain(Exception failure)
    {
        var text = failure is OperationCanceledException
            ? $"No answer within {SendTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s."
            : failure.InnerException is { } inner ? $"{failure.Message} ({inner.Message})" : failure.Message;
        return text.Length <= 500 ? text : text[..500];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} of tenant {Tenant} failed ({Answer}); retrying in {Wait}")]
    private static partial void LogFailed(ILogger logger, string deliveryId, string tenant, string answer, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} of tenant {Tenant} disabled: {Reason}")]
    private static partial void LogDisabled(ILogger logger, string webhookId, string tenant, string reason);
}
