namespace Network.Host.Tests.Infrastructure;

/// <summary>
/// Waits for what the host does after a request has been answered (an instance hands its effects to the outbox
/// one-way, e.g. resolving which tenants a task's role means): reads again until the value is what the test waits
/// for, or patience runs out.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

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
            await Task.Delay(100);
        }
    }
}
