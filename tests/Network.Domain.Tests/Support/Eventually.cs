namespace Network.Domain.Tests.Support;

/// <summary>
/// Waits for what the engine does after a call has returned (an instance hands its effects to the outbox one-way):
/// reads again until the value is what the test waits for, or patience runs out.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <returns>The last value read: the awaited one, or the one the test's assertion should then fail on.</returns>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(50);
        }
    }
}
