namespace Network.Web;

/// <summary>Settings of the web app, bound from the "Web" section.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>A session ends after this long without a request or a call (sliding); 8 hours unless configured.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);
}
