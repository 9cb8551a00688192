namespace Network.Domain.Tests.Support;

/// <summary>Polls until a condition holds or a deadline passes: for effects that the outbox carries out after a call returns.</summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Reads until <paramref name="done"/> holds, and returns the last value read (the assertion that follows says what was wrong).</summary>
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
