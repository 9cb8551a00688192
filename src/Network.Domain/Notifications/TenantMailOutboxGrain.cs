using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Network.Domain.Links;
using Network.Domain.Storage;
using Network.Domain.Tenancy;

namespace Network.Domain.Notifications;

/// <summary>
/// See <see cref="ITenantMailOutboxGrain"/>. E-mail is sent off the caller's path by a grain timer; a durable
/// reminder wakes the grain once a minute while anything waits, so after a restart (or on another host of the
/// cluster) sending resumes by itself. An e-mail is removed and its id remembered only after the server took it:
/// a crash in between sends it again under the same <c>Message-ID</c>, never drops it.
/// </summary>
[GrainType("tenant-mail-outbox")]
public sealed partial class TenantMailOutboxGrain(
    [PersistentState("tenant-mail-outbox", StorageNames.Network)] IPersistentState<TenantMailOutboxGrain.State> state,
    IEmailSender sender,
    IStateLogReader logs,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<TenantMailOutboxGrain> logger)
    : Grain, ITenantMailOutboxGrain, IDisposable
{
    private const string WakeReminder = "send";

    /// <summary>How long one send may take before it counts as failed.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The e-mails waiting and the digests gathering. The ids of e-mails and digest lines sent are members of their
    /// set (<see cref="StateKeySets.SentEmailIds"/>), added with the write after each send, not part of the state.
    /// </summary>
    public sealed class State() : SentIdState(StateKeySets.SentEmailIds)
    {
        /// <summary>Oldest first.</summary>
        public List<PendingEmail> Pending { get; set; } = [];

        /// <summary>One per contact address with lines gathering.</summary>
        public List<OpenDigest> Digests { get; set; } = [];
    }

    public sealed class PendingEmail
    {
        public OutgoingEmail Email { get; set; } = null!;

        public int Attempts { get; set; }

        public DateTimeOffset NextAttemptAt { get; set; }

        public string? LastError { get; set; }

        /// <summary>Set for a "due soon" reminder: sent only if this task is still open when it is due.</summary>
        public OpenTask? OnlyIfOpen { get; set; }
    }

    public sealed class OpenDigest
    {
        public EmailRecipient To { get; set; } = null!;

        public string Language { get; set; } = "en";

        public string TenantName { get; set; } = "";

        public string? UnsubscribeLink { get; set; }

        public DateTimeOffset OpenedAt { get; set; }

        public List<string> LineIds { get; set; } = [];

        public List<DigestLine> Lines { get; set; } = [];
    }

    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _passRunning;
    private bool _reminderOn;
    private IGrainTimer? _nextPass;

    public static string KeyFor(TenantPath tenant) => TenantScopedKey.For(tenant, "mail-outbox");

    private string TenantId => TenantScopedKey.TenantOf(this.GetPrimaryKeyString()).Value;

    public async Task Enqueue(IReadOnlyList<OutgoingEmail> emails, IReadOnlyList<DigestItem> digestItems, IReadOnlyList<LaterEmail> later)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentNullException.ThrowIfNull(digestItems);
        ArgumentNullException.ThrowIfNull(later);
        EngineOnly.Require(TenantId);
        await _writing.WaitAsync();
        try
        {
            var known = Known();
            var changed = false;
            var now = clock.GetUtcNow();
            foreach (var email in emails)
            {
                if (await IsNewAsync(known, email.DeliveryId))
                {
                    state.State.Pending.Add(new PendingEmail { Email = email, NextAttemptAt = now });
                    changed = true;
                }
            }
            foreach (var email in later)
            {
                if (await IsNewAsync(known, email.Email.DeliveryId))
                {
                    state.State.Pending.Add(new PendingEmail { Email = email.Email, NextAttemptAt = email.NotBefore, OnlyIfOpen = email.OnlyIfOpen });
                    changed = true;
                }
            }
            foreach (var item in digestItems)
            {
                if (await IsNewAsync(known, item.LineId))
                {
                    Gather(item, now);
                    changed = true;
                }
            }
            if (!changed)
            {
                return;
            }
            await state.WriteOrStartOverAsync(this);
        }
        finally
        {
            _writing.Release();
        }
        await KeepAwakeAsync();
        SchedulePass(TimeSpan.Zero);
    }

    public void Dispose() => _writing.Dispose();

    public Task<MailOutboxStatus> Status()
    {
        EngineOnly.Require(TenantId);
        var every = options.Value.DigestEvery;
        return Task.FromResult(new MailOutboxStatus(
            state.State.Pending.Select(p => new PendingEmailStatus(p.Email.DeliveryId, p.Email.Kind, p.Email.To.Address, p.Attempts, p.NextAttemptAt, p.LastError)).ToList(),
            state.State.Digests.Select(d => new OpenDigestStatus(d.To.Address, d.OpenedAt, d.OpenedAt + every, d.Lines.Count)).ToList()));
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _reminderOn = true;
        if (state.State.Pending.Count == 0 && state.State.Digests.Count == 0)
        {
            await SleepAsync();
            return;
        }
        SchedulePass(TimeSpan.Zero);
    }

    /// <summary>Neither met before in this call, nor waiting or gathering (<paramref name="known"/>), nor sent.</summary>
    private async Task<bool> IsNewAsync(HashSet<string> known, string id) =>
        known.Add(id) && !await state.State.Sent.WasSentAsync(logs, this.GetPrimaryKeyString(), id, state.State.SentIds);

    /// <summary>The ids waiting or gathering in a digest.</summary>
    private HashSet<string> Known()
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        known.UnionWith(state.State.Pending.Select(p => p.Email.DeliveryId));
        known.UnionWith(state.State.Digests.SelectMany(d => d.LineIds));
        return known;
    }

    private void Gather(DigestItem item, DateTimeOffset now)
    {
        var digest = state.State.Digests.FirstOrDefault(d => string.Equals(d.To.Address, item.To.Address, StringComparison.OrdinalIgnoreCase));
        if (digest is null)
        {
            digest = new OpenDigest { To = item.To, OpenedAt = now };
            state.State.Digests.Add(digest);
        }
        // The latest choices win: a contact who changed language or name gets the digest as they are now.
        digest.To = item.To;
        digest.Language = item.Language;
        digest.TenantName = item.TenantName;
        digest.UnsubscribeLink = item.UnsubscribeLink;
        digest.LineIds.Add(item.LineId);
        digest.Lines.Add(item.Line);
    }

    private void SchedulePass(TimeSpan after)
    {
        _nextPass?.Dispose();
        _nextPass = this.RegisterGrainTimer(static (grain, _) => grain.PassAsync(), this,
            new GrainTimerCreationOptions(after, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });
    }

    private async Task PassAsync()
    {
        if (_passRunning)
        {
            return;
        }
        _passRunning = true;
        try
        {
            await CloseDueDigestsAsync();
            await SendDueAsync();
        }
        finally
        {
            _passRunning = false;
        }
        ScheduleNextPass();
        if (state.State.Pending.Count == 0 && state.State.Digests.Count == 0)
        {
            await SleepAsync();
        }
    }

    /// <summary>A digest due becomes one e-mail, in the same write that closes it: no line is lost or sent twice.</summary>
    private async Task CloseDueDigestsAsync()
    {
        var now = clock.GetUtcNow();
        var every = options.Value.DigestEvery;
        if (!state.State.Digests.Any(d => d.OpenedAt + every <= now))
        {
            return;
        }
        await _writing.WaitAsync();
        try
        {
            foreach (var digest in state.State.Digests.Where(d => d.OpenedAt + every <= now).ToList())
            {
                state.State.Digests.Remove(digest);
                state.State.Pending.Add(new PendingEmail { Email = DigestEmail(digest), NextAttemptAt = now });
                Remember(digest.LineIds);
            }
            await state.WriteOrStartOverAsync(this);
        }
        finally
        {
            _writing.Release();
        }
    }

    private OutgoingEmail DigestEmail(OpenDigest digest) => new(
        $"{TenantId}|digest|{digest.To.Address.ToLowerInvariant()}|{digest.OpenedAt.UtcTicks}", EmailKinds.Digest, digest.Language, digest.To,
        digest.TenantName, clock.GetUtcNow(), null, null, null, null, null, null, null, null, digest.UnsubscribeLink, digest.Lines.ToList());

    private async Task SendDueAsync()
    {
        foreach (var pending in state.State.Pending.Where(p => p.NextAttemptAt <= clock.GetUtcNow()).ToList())
        {
            string? failure = null;
            try
            {
                if (await StillWantedAsync(pending))
                {
                    using var timeout = new CancellationTokenSource(SendTimeout);
                    await sender.SendAsync(pending.Email, timeout.Token);
                }
            }
            catch (EmailRejectedException refusal)
            {
                // Refused for good (e.g. no such mailbox): trying again would not help; the inbox still has it.
                LogRejected(logger, refusal, pending.Email.Kind, pending.Email.DeliveryId, pending.Email.To.Address);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                failure = error.Message;
                LogFailed(logger, error, pending.Email.Kind, pending.Email.DeliveryId, Backoff(pending.Attempts + 1));
            }
            await _writing.WaitAsync();
            try
            {
                if (failure is null)
                {
                    state.State.Pending.Remove(pending);
                    Remember([pending.Email.DeliveryId]);
                }
                else
                {
                    pending.Attempts++;
                    pending.LastError = failure;
                    pending.NextAttemptAt = clock.GetUtcNow() + Backoff(pending.Attempts);
                }
                // Written after every send: a crash now resends at most this one e-mail, under the same Message-ID.
                await state.WriteOrStartOverAsync(this);
            }
            finally
            {
                _writing.Release();
            }
            if (failure is not null)
            {
                // The server is likely down for the others too: they wait for the next pass.
                return;
            }
        }
    }

    /// <summary>A reminder of a task answered or cancelled meanwhile (or of an instance gone) is not sent.</summary>
    private async Task<bool> StillWantedAsync(PendingEmail pending)
    {
        if (pending.OnlyIfOpen is not { } task)
        {
            return true;
        }
        try
        {
            // Asked as the engine: the timer that sends has no caller of its own.
            using var _ = TenantCallContext.Enter(TenantCaller.System);
            var tasks = await GrainFactory.GetGrain<Workflows.IWorkflowInstanceGrain>(task.InstanceKey).Tasks();
            return tasks.Any(t => t.Id == task.TaskId && t.Status == "open");
        }
        catch (Errors.DomainNotFoundException)
        {
            return false;
        }
    }

    private TimeSpan Backoff(int attempts) => RetryBackoff.After(attempts, options.Value.FirstRetry, options.Value.LongestRetry);

    private void ScheduleNextPass()
    {
        var now = clock.GetUtcNow();
        var every = options.Value.DigestEvery;
        var next = state.State.Pending.Select(p => p.NextAttemptAt)
            .Concat(state.State.Digests.Select(d => d.OpenedAt + every))
            .DefaultIfEmpty(DateTimeOffset.MaxValue)
            .Min();
        // Near ones by a timer; far ones (a week's digest) are left to the minute reminder.
        if (next != DateTimeOffset.MaxValue && next - now < TimeSpan.FromMinutes(2))
        {
            SchedulePass(next <= now ? TimeSpan.FromMilliseconds(200) : next - now);
        }
    }

    private void Remember(IEnumerable<string> ids) =>
        state.State.Sent.Add(this.GetPrimaryKeyString(), ids, state.State.SentIds, clock.GetUtcNow());

    private async Task KeepAwakeAsync()
    {
        if (!_reminderOn)
        {
            await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            _reminderOn = true;
        }
    }

    private async Task SleepAsync()
    {
        if (await this.GetReminder(WakeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        _reminderOn = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Kind} e-mail {DeliveryId}; retrying in {Wait}")]
    private static partial void LogFailed(ILogger logger, Exception error, string kind, string deliveryId, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server refused {Kind} e-mail {DeliveryId} to {Address} for good; it is not sent again")]
    private static partial void LogRejected(ILogger logger, Exception error, string kind, string deliveryId, string address);
}
