namespace Network.Testing;

/// <summary>
/// Waits for what happens after a call has returned (an instance hands its effects to the outbox one-way, e.g.
/// resolving which tenants a task's role means; a host writes its read model after the answer): reads again until
/// the value is what the test waits for, or patience runs out. One helper for the grain tests and the host tests.
/// </summary>
public static class Eventually
{
    /// <summary>How long a read is retried unless the caller says otherwise: enough for a loaded machine running a whole suite.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <param name="read">Reads the value once.</param>
    /// <param name="done">Whether the value is the awaited one.</param>
    /// <param name="patience">How long to wait; <see cref="Patience"/> unless the awaited thing is slow by nature (a real timer).</param>
    /// <returns>The last value read: the awaited one, or the one the test's assertion should then fail on.</returns>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(Interval);
        }
    }
}
