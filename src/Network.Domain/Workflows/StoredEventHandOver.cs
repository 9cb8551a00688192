using Network.Domain.Notifications;

namespace Network.Domain.Workflows;

/// <summary>
/// Hands a grain's stored domain events on (to the workflows and webhooks) oldest first, beside the grain's calls
/// rather than inside them: a call that stored a change returns once it is stored, and the next call need not wait
/// for the workflows that react to the last one. The events waiting when a hand-on starts (at most
/// <see cref="MostPerHandOn"/>) go in one hand-on, so a commitment that changes faster than its workflows follow
/// hands them several at a time. The events stay in the stored outbox until the grain writes again after they were
/// handed on (<see cref="ForgetHandedOn"/>), so a crash hands them on again and every receiver drops what it already
/// took.
/// </summary>
/// <remarks>
/// Everything here runs on the grain's own scheduler (it is started from the grain's turns and awaits without
/// leaving it), so it interleaves with the grain's calls only at their awaits and needs no lock. It never changes
/// the grain's state itself: the outbox is only trimmed in the grain's own turn, before a write.
/// </remarks>
public sealed class StoredEventHandOver
{
    /// <summary>Events stored and waiting, beyond which a call waits for the hand-over before it returns.</summary>
    public const int MostWaiting = 8;

    /// <summary>The most events one hand-on takes.</summary>
    public const int MostPerHandOn = 16;

    private static readonly TimeSpan FirstRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(1);

    private readonly Func<IReadOnlyList<HandedEvent>, Task> _handOn;
    private readonly Action<IReadOnlyList<HandedEvent>, Exception, TimeSpan> _failed;
    private readonly Queue<HandedEvent> _waiting = new();

    /// <summary>The ids of events waiting or handed on, until the outbox forgets them: each is queued once.</summary>
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    private readonly HashSet<string> _handedOn = new(StringComparer.Ordinal);

    /// <summary>The context of the call that raised each event not yet stored (<see cref="Raised"/>).</summary>
    private readonly Dictionary<string, ExecutionContext?> _raisedIn = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _running = Task.CompletedTask;
    private TaskCompletionSource? _progress;
    private bool _failing;

    /// <param name="handOn">
    /// Hands events on, in order; throws when a receiver did not take them all (then they are all tried again). It
    /// runs in the context of the call that raised the first; each event can run what is its own in its call's
    /// context (<see cref="HandedEvent.InItsCall{T}"/>).
    /// </param>
    /// <param name="failed">Told of a failed attempt and the wait before the next one (to log it).</param>
    public StoredEventHandOver(Func<IReadOnlyList<HandedEvent>, Task> handOn, Action<IReadOnlyList<HandedEvent>, Exception, TimeSpan> failed)
    {
        _handOn = handOn;
        _failed = failed;
    }

    /// <summary>Events were handed on since the outbox last forgot some: the next write should leave them out.</summary>
    public bool HasHandedOn => _handedOn.Count > 0;

    /// <summary>
    /// In the turn of the call that raised the event: it is handed on in that call's context, even when the write that
    /// stores it stores other calls' changes too (<see cref="Storage.BatchedChanges"/>).
    /// </summary>
    public void Raised(DomainEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _raisedIn[record.Id] = ExecutionContext.Capture();
    }

    /// <summary>After a failed write, memory back to what is stored: the events raised since are not, and are forgotten.</summary>
    public void ForgetRaised() => _raisedIn.Clear();

    /// <summary>
    /// After a write: queues the stored outbox's events not queued yet, oldest first, and starts handing them on
    /// unless that is running already. Each is handed on in the context of the call that raised it
    /// (<see cref="Raised"/>), else of the call that stored it, as if that call had handed it on itself: under its
    /// trace, and with the change it declared for the audit trail (the receivers' writes carry the same line, which
    /// the trail keeps once).
    /// </summary>
    public void Stored(IEnumerable<DomainEventRecord> outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        var context = ExecutionContext.Capture();
        foreach (var record in outbox)
        {
            var raisedIn = _raisedIn.Remove(record.Id, out var raised) ? raised : context;
            if (_taken.Add(record.Id))
            {
                _waiting.Enqueue(new HandedEvent(record, raisedIn));
            }
        }
        if (_waiting.Count > 0 && _running.IsCompleted && !_stopping.Task.IsCompleted)
        {
            _running = RunAsync();
        }
    }

    /// <summary>Before a write, in the grain's turn: removes the events handed on from the outbox to be written.</summary>
    public void ForgetHandedOn(List<DomainEventRecord> outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (_handedOn.Count == 0)
        {
            return;
        }
        outbox.RemoveAll(record => _handedOn.Contains(record.Id));
        _taken.ExceptWith(_handedOn);
        _handedOn.Clear();
    }

    /// <summary>
    /// Waits until at most <paramref name="waiting"/> events wait, or the hand-over is failing (its events are
    /// stored, and a call should not hang on a receiver that is down).
    /// </summary>
    public async Task WaitUntilAtMostAsync(int waiting)
    {
        while (_waiting.Count > waiting && !_failing && !_running.IsCompleted)
        {
            _progress ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _progress.Task;
        }
    }

    /// <summary>
    /// At deactivation: hands on what waits while the receivers take it, then stops (at once when they are failing,
    /// after the attempt on its way). What was not handed on stays in the stored outbox for the next activation, or
    /// the host's next start, to hand on.
    /// </summary>
    public async Task StopAsync()
    {
        await WaitUntilAtMostAsync(0);
        _stopping.TrySetResult();
        await _running;
    }

    private async Task RunAsync()
    {
        var failures = 0;
        while (_waiting.Count > 0 && !_stopping.Task.IsCompleted)
        {
            var next = _waiting.Take(MostPerHandOn).ToList();
            try
            {
                await next[0].InItsCall(() => _handOn(next));
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                _failing = true;
                Signal();
                var retryAfter = RetryBackoff.After(++failures, FirstRetryAfter, LongestRetryAfter);
                _failed(next, error, retryAfter);
                await Task.WhenAny(Task.Delay(retryAfter), _stopping.Task);
                continue;
            }
            _failing = false;
            failures = 0;
            foreach (var handed in next)
            {
                _waiting.Dequeue();
                _handedOn.Add(handed.Record.Id);
            }
            Signal();
        }
        Signal();
    }

    private void Signal()
    {
        var progress = _progress;
        _progress = null;
        progress?.TrySetResult();
    }
}

/// <summary>An event on its way, with the context of the call that raised it (or stored it), if it was captured.</summary>
public readonly record struct HandedEvent(DomainEventRecord Record, ExecutionContext? Context)
{
    /// <summary>Runs <paramref name="action"/> as the raising call would have: under its trace, with its declared change.</summary>
    public T InItsCall<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (Context is null)
        {
            return action();
        }
        var result = default(T);
        ExecutionContext.Run(Context, _ => result = action(), null);
        return result!;
    }
}
