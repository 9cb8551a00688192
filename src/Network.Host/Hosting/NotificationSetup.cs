using Network.Domain.Notifications;
using Network.Notifications;

namespace Network.Host.Hosting;

/// <summary>
/// E-mail settings: where links point (<c>Network:PublicUrl</c>) and the <c>Notifications</c> section (digest period,
/// retries, signing key). Checked at start: a bad value stops the host with the setting's name, not the first e-mail.
/// </summary>
public static class NotificationSetup
{
    public const string PublicUrlKey = "Network:PublicUrl";
    public const string Section = "Notifications";

    public static IServiceCollection AddNetworkNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        // The SMTP server's settings and sender (or e-mail off without a host); registered before the domain's default.
        services.AddEmailNotifications(configuration);
        var options = Read(configuration);
        services.Configure<NotificationOptions>(o =>
        {
            o.PublicUrl = options.PublicUrl;
            o.DigestEvery = options.DigestEvery;
            o.FirstRetry = options.FirstRetry;
            o.LongestRetry = options.LongestRetry;
            o.TaskDueSoonBefore = options.TaskDueSoonBefore;
            o.SigningKey = options.SigningKey;
        });
        return services;
    }

    public static NotificationOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new NotificationOptions();
        if (configuration[PublicUrlKey] is { Length: > 0 } url)
        {
            options.PublicUrl = Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new InvalidOperationException($"{PublicUrlKey} must be an absolute http(s) address, e.g. https://network.example.org; '{url}' is not.");
        }
        var section = configuration.GetSection(Section);
        options.DigestEvery = Duration(section, "DigestEvery", options.DigestEvery);
        options.FirstRetry = Duration(section, "FirstRetry", options.FirstRetry);
        options.LongestRetry = Duration(section, "LongestRetry", options.LongestRetry);
        options.TaskDueSoonBefore = Duration(section, "TaskDueSoonBefore", options.TaskDueSoonBefore);
        options.SigningKey = section["SigningKey"];
        return options;
    }

    /// <summary>A TimeSpan ("7.00:00:00") or an ISO 8601 duration ("P7D", "PT30S"), as the workflow settings take.</summary>
    private static TimeSpan Duration(IConfigurationSection section, string key, TimeSpan fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        TimeSpan value;
        try
        {
            value = text.StartsWith('P') ? System.Xml.XmlConvert.ToTimeSpan(text) : TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Section}:{key} must be a duration such as P7D or PT30S; '{text}' is not.");
        }
        return value > TimeSpan.Zero ? value : throw new InvalidOperationException($"{Section}:{key} must be longer than zero.");
    }
}
