using Network.Contracts.Messaging;
using Network.Domain.Errors;

namespace Network.Domain.Webhooks;

/// <summary>What a webhook registration must be; each refusal names the request field it is about.</summary>
public static class WebhookRules
{
    /// <summary>More would let one tenant's outbox grow without bound and slow every event it receives.</summary>
    public const int MaxPerTenant = 20;

    public const int MaxUrlLength = 2000;

    /// <summary>The event type of the ping <c>:test</c> sends; not one to subscribe to.</summary>
    public const string TestEvent = "webhook.test";

    /// <summary>The event types a webhook may subscribe to: the contracts the tenant links carry.</summary>
    public static IReadOnlyList<string> EventTypes { get; } = TenantLinks.PublishedEvents.Select(t => t.Name).ToList();

    /// <summary>The URL as given, when it is an absolute https URL (http too when <paramref name="allowHttp"/>) without user-info.</summary>
    public static string Url(string? url, bool allowHttp)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new DomainValidationException("url", "A webhook needs a URL, e.g. https://example.org/network-events.");
        }
        if (url.Length > MaxUrlLength)
        {
            throw new DomainValidationException("url", $"The URL is longer than {MaxUrlLength} characters.");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new DomainValidationException("url", $"'{url}' is not an absolute URL.");
        }
        var https = uri.Scheme == Uri.UriSchemeHttps;
        if (!https && !(allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        {
            throw new DomainValidationException("url", allowHttp
                ? $"'{url}' is neither https:// nor http://."
                : $"'{url}' is not https://: webhook calls carry the tenant's events and must be encrypted.");
        }
        // A password in the URL would be stored and shown in every list; receivers check the signature instead.
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new DomainValidationException("url", "The URL may not carry a user name or password; verify the Network-Signature header instead.");
        }
        return url;
    }

    /// <summary>The event types, each once, in the order given: a non-empty subset of <see cref="EventTypes"/>.</summary>
    public static IReadOnlyList<string> Events(IReadOnlyList<string?>? events)
    {
        if (events is null || events.Count == 0)
        {
            throw new DomainValidationException("events", $"Name at least one event type: {string.Join(", ", EventTypes)}.");
        }
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not { } name || !EventTypes.Contains(name, StringComparer.Ordinal))
            {
                throw new DomainValidationException($"events[{i}]", $"'{events[i]}' is not an event type: use {string.Join(", ", EventTypes)}.");
            }
        }
        return events.Select(e => e!).Distinct(StringComparer.Ordinal).ToList();
    }
}
