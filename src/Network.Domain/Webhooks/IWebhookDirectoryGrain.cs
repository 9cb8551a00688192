namespace Network.Domain.Webhooks;

/// <summary>
/// Which tenants have an enabled webhook for which event types, so handing on an event costs one call when no
/// recipient has a webhook (the common case). One grain for the whole network (<see cref="Key"/>); kept by the
/// tenants' webhook outboxes, called by the engine only.
/// </summary>
public interface IWebhookDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "webhooks";

    /// <summary>The event types the tenant's enabled webhooks take, replacing what was known; none forgets the tenant.</summary>
    Task Put(string tenantPath, IReadOnlyList<string> eventTypes);

    /// <summary>Those of <paramref name="tenantPaths"/> with an enabled webhook for <paramref name="eventType"/>.</summary>
    Task<IReadOnlyList<string>> Subscribed(IReadOnlyList<string> tenantPaths, string eventType);
}
