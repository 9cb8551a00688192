namespace Network.Host.Tests.Infrastructure;

/// <summary>
/// Waits for something the host does in the background (after a restart, say) by reading it again until it holds
/// or a deadline passes. The pause between reads only paces the polling; the assertion is on what was read.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <returns>The first value that satisfies <paramref name="holds"/>; fails the test with the last one read otherwise.</returns>
    public static async Task<T> ReadUntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds, TimeSpan within, string what)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(holds);
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (holds(value))
            {
                return value;
            }
            if (DateTimeOffset.UtcNow >= deadline)
            {
                Assert.Fail($"Within {within.TotalSeconds:F0} s, expected {what}; last read: {value}");
            }
            await Task.Delay(Pause);
        }
    }
}
