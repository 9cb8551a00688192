namespace Network.Domain.Webhooks;

/// <summary>
/// How webhooks are sent, bound from the "Notifications:Webhooks" section. Durations are TimeSpans in configuration
/// (e.g. <c>00:00:10</c>, <c>1.00:00:00</c> for a day).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Notifications:Webhooks";

    /// <summary>
    /// Accept <c>http://</c> URLs besides <c>https://</c>. Off by default: a webhook's body and signature would cross
    /// the network readable. For tests and receivers on the same machine.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>The wait before a failed delivery is tried again; it doubles with each further failure.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts of one delivery.</summary>
    public TimeSpan LongestRetry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A webhook whose deliveries have failed this long without one success is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The wait before attempt number <paramref name="failures"/> + 1 of a delivery that failed that many times.</summary>
    public TimeSpan RetryAfter(int failures) => Notifications.RetryBackoff.After(failures, FirstRetry, LongestRetry);
}
