namespace Network.Domain.Notifications;

/// <summary>
/// The one rule for how long a delivery that failed waits before its next attempt, for e-mail and webhooks alike:
/// the first wait, doubled after each further failure, never longer than the longest.
/// </summary>
public static class RetryBackoff
{
    /// <param name="failures">How many attempts have failed so far (1 after the first).</param>
    public static TimeSpan After(int failures, TimeSpan first, TimeSpan longest)
    {
        var wait = first;
        for (var i = 1; i < failures && wait < longest; i++)
        {
            wait += wait;
        }
        return wait < longest ? wait : longest;
    }
}
