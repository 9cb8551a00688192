using Network.Domain.Audit;

namespace Network.Domain.Storage;

/// <summary>
/// Applies a grain's calls to its memory one by one, in the order they came, and stores the changes of the calls
/// that waited meanwhile in one write: a commitment that receives many messages at once stores them as fast as its
/// storage commits writes, not one write per message. Each call is answered only once the write that holds its
/// change is stored; a call that changed nothing (a read, a message applied before) once the changes before it are.
/// </summary>
/// <remarks>
/// <para>
/// The grain must be reentrant, so calls can join the queue while a write is on its way; all its calls that read or
/// change its state go through <see cref="RunAsync{T}"/>, and everything here runs on the grain's scheduler (it is
/// started from the grain's turns and awaits without leaving it), so it needs no lock.
/// </para>
/// <para>
/// Each call's change is applied in the call's own execution context (its caller, trace and declared audit line), and
/// the write carries every stored call's audit line (<see cref="AuditOperation.EnterStoredTogether"/>). A failed write
/// puts memory back to what is stored and fails the calls it held; a write that found one of its claimed message ids
/// taken (a message delivered again) stored nothing, and its calls are applied again: with one claim, that one now
/// changes nothing; with several (a writer need not say which was taken), in two halves, each split again while it
/// finds a claim taken, so the one applied before is found in a few writes and the others are stored.
/// </para>
/// </remarks>
public sealed class BatchedChanges
{
    /// <summary>The most calls whose changes one write stores: bounds a write's size and the wait of the first caller.</summary>
    public const int MostPerWrite = 16;

    private readonly Func<IReadOnlyList<string>, Task> _write;
    private readonly Func<Task> _startOver;
    private readonly List<IWaitingCall> _waiting = [];

    /// <summary>
    /// The most message ids remembered as claimed by this activation's writes, so a message delivered again soon after
    /// (a bus redelivery while the first was on its way) changes nothing without a write that would find it taken.
    /// </summary>
    public const int MostRemembered = 1024;

    /// <summary>
    /// Message ids this activation's writes claimed (the latest <see cref="MostRemembered"/>) or found claimed before:
    /// their calls change nothing. Older ones are found by the write, which claims them again.
    /// </summary>
    private readonly HashSet<string> _claimedBefore = new(StringComparer.Ordinal);

    private readonly Queue<string> _claimedOrder = new();

    /// <summary>Message ids claimed by the calls applied for the write being prepared (a message twice in one write).</summary>
    private readonly HashSet<string> _claimedNow = new(StringComparer.Ordinal);

    /// <summary>
    /// The sizes of the next writes, first first: the halves of a write that found one of several claims taken. Empty:
    /// each write takes what waits, up to <see cref="MostPerWrite"/>.
    /// </summary>
    private readonly List<int> _sizes = [];

    private Task _running = Task.CompletedTask;

    /// <summary>The loop runs (or is queued to): set and cleared in the grain's turns, not read from its task's state.</summary>
    private bool _looping;
    private Exception? _broken;

    /// <param name="write">
    /// Stores memory, claiming the message ids given; throws <see cref="KeyClaimedException"/> when one was claimed
    /// before (then nothing is stored), or any other error when the write failed.
    /// </param>
    /// <param name="startOver">Puts memory back to what is stored, after a write that failed.</param>
    public BatchedChanges(Func<IReadOnlyList<string>, Task> write, Func<Task> startOver)
    {
        _write = write;
        _startOver = startOver;
    }

    /// <summary>
    /// Whether the message id was claimed by this activation's writes (of late), found claimed before, or claimed by
    /// a call applied for the same write: a call that applies it should change nothing.
    /// </summary>
    public bool IsClaimed(string messageId) => _claimedBefore.Contains(messageId) || _claimedNow.Contains(messageId);

    /// <summary>
    /// Queues a call. <paramref name="apply"/> runs once its turn comes, in the caller's execution context, reading
    /// and changing memory without awaiting; it must throw (to refuse the call) before it changes anything. It may run
    /// again if the write that held its change found a claim taken.
    /// </summary>
    public Task<T> RunAsync<T>(Func<ChangeOutcome<T>> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        if (_broken is { } broken)
        {
            return Task.FromException<T>(StartingOver(broken));
        }
        var call = new WaitingCall<T>(apply, ExecutionContext.Capture());
        _waiting.Add(call);
        if (!_looping)
        {
            _looping = true;
            // On the grain's scheduler, but not in this call's context: later writes are not this call's.
            using (ExecutionContext.SuppressFlow())
            {
                _running = Task.Factory.StartNew(RunWaitingAsync, CancellationToken.None, TaskCreationOptions.DenyChildAttach,
                    TaskScheduler.Current).Unwrap();
            }
        }
        return call.Answer;
    }

    /// <summary>Completes once no call waits (at deactivation, before the last write).</summary>
    public Task IdleAsync() => _running;

    private async Task RunWaitingAsync()
    {
        try
        {
            while (_waiting.Count > 0)
            {
                var take = Math.Min(_waiting.Count, _sizes.Count > 0 ? _sizes[0] : MostPerWrite);
                if (_sizes.Count > 0)
                {
                    _sizes.RemoveAt(0);
                }
                var calls = _waiting.GetRange(0, take);
                _waiting.RemoveRange(0, take);
                await ApplyAndStoreAsync(calls);
            }
        }
        finally
        {
            _looping = false;
        }
    }

    private async Task ApplyAndStoreAsync(List<IWaitingCall> calls)
    {
        var applied = new List<IWaitingCall>(calls.Count);
        var claims = new List<string>();
        var audits = new List<AuditEntry>();
        ExecutionContext? writeIn = null;
        var changed = false;
        foreach (var call in calls)
        {
            if (!call.Apply())
            {
                continue;
            }
            applied.Add(call);
            if (!call.Changed)
            {
                continue;
            }
            writeIn ??= call.Context;
            changed = true;
            if (call.Claim is { } claim)
            {
                claims.Add(claim);
                _claimedNow.Add(claim);
            }
            // A call that declared no change of its own (the engine's) adds no line; a line twice is stored once.
            if (call.Audit is { } audit && !audits.Exists(a => a.Id == audit.Id))
            {
                audits.Add(audit);
            }
        }
        // Only the calls applied for this write may see its claims.
        _claimedNow.Clear();
        if (!changed)
        {
            applied.ForEach(call => call.Answer());
            return;
        }
        try
        {
            await WriteAsync(writeIn, claims, audits);
        }
        catch (KeyClaimedException taken) when (claims.Count > 0)
        {
            if (await StartOverAsync(applied, taken))
            {
                ApplyAgain(applied, claims);
            }
            return;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            await StartOverAsync(applied, error);
            applied.ForEach(call => call.Fail(error));
            return;
        }
        RememberClaimed(claims);
        applied.ForEach(call => call.Answer());
    }

    private void RememberClaimed(List<string> claims)
    {
        foreach (var claim in claims.Where(_claimedBefore.Add))
        {
            _claimedOrder.Enqueue(claim);
        }
        while (_claimedOrder.Count > MostRemembered)
        {
            _claimedBefore.Remove(_claimedOrder.Dequeue());
        }
    }

    /// <summary>
    /// After a write that found a claim taken and stored nothing: its calls go first again. With one claim, that is
    /// the one taken, and its call now changes nothing; with several (a writer need not say which was taken), they go
    /// in two halves, and a half that finds a claim taken is halved again, down to the call whose claim it is.
    /// </summary>
    private void ApplyAgain(List<IWaitingCall> applied, List<string> claims)
    {
        if (claims.Count == 1)
        {
            RememberClaimed(claims);
        }
        else
        {
            var half = applied.Count / 2;
            _sizes.InsertRange(0, [half, applied.Count - half]);
        }
        _waiting.InsertRange(0, applied);
    }

    /// <summary>
    /// Memory back to what is stored; if even that fails, memory is lost to this activation, and every call waiting
    /// or to come is refused until the grain starts over from storage (the write asked for that).
    /// </summary>
    private async Task<bool> StartOverAsync(List<IWaitingCall> applied, Exception cause)
    {
        try
        {
            await _startOver();
            return true;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            _broken = error;
            applied.ForEach(call => call.Fail(cause));
            var waiting = _waiting.ToList();
            _waiting.Clear();
            _sizes.Clear();
            waiting.ForEach(call => call.Fail(StartingOver(error)));
            return false;
        }
    }

    private Task WriteAsync(ExecutionContext? context, List<string> claims, List<AuditEntry> audits)
    {
        Task? writing = null;
        void Write()
        {
            using (AuditOperation.EnterStoredTogether(audits))
            {
                writing = _write(claims);
            }
        }
        // In the first changing call's context (its caller and trace), with every stored call's audit line.
        if (context is null)
        {
            Write();
        }
        else
        {
            ExecutionContext.Run(context, _ => Write(), null);
        }
        return writing!;
    }

    private static InvalidOperationException StartingOver(Exception cause) =>
        new("The grain lost its state after a failed write and starts over from storage; try again.", cause);

    private interface IWaitingCall
    {
        ExecutionContext? Context { get; }

        bool Changed { get; }

        string? Claim { get; }

        AuditEntry? Audit { get; }

        /// <summary>Applies the call; false when it refused (then it is answered with its error already).</summary>
        bool Apply();

        void Answer();

        void Fail(Exception error);
    }

    private sealed class WaitingCall<T>(Func<ChangeOutcome<T>> apply, ExecutionContext? context) : IWaitingCall
    {
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ChangeOutcome<T> _outcome;

        public Task<T> Answer => _answer.Task;

        public ExecutionContext? Context => context;

        public bool Changed => _outcome.Changed;

        public string? Claim => _outcome.Claim;

        public AuditEntry? Audit { get; private set; }

        public bool Apply()
        {
            try
            {
                if (context is null)
                {
                    Run();
                }
                else
                {
                    ExecutionContext.Run(context, static self => ((WaitingCall<T>)self!).Run(), this);
                }
                return true;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                _answer.TrySetException(error);
                return false;
            }
        }

        private void Run()
        {
            _outcome = apply();
            Audit = _outcome.Changed ? AuditOperation.Current : null;
        }

        void IWaitingCall.Answer() => _answer.TrySetResult(_outcome.Result);

        public void Fail(Exception error) => _answer.TrySetException(error);
    }
}
