using Network.Domain.Links;
using Network.Domain.Storage;

namespace Network.Domain.Webhooks;

[GrainType("webhook-directory")]
public sealed class WebhookDirectoryGrain(
    [PersistentState("webhook-directory", StorageNames.Network)] IPersistentState<WebhookDirectoryGrain.State> state)
    : Grain, IWebhookDirectoryGrain
{
    public sealed class State
    {
        /// <summary>Event types by tenant path.</summary>
        public Dictionary<string, List<string>> Tenants { get; set; } = new(StringComparer.Ordinal);
    }

    public async Task Put(string tenantPath, IReadOnlyList<string> eventTypes)
    {
        ArgumentNullException.ThrowIfNull(eventTypes);
        EngineOnly.Require("webhooks");
        var types = eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var known = state.State.Tenants.TryGetValue(tenantPath, out var had) ? had : [];
        if (known.SequenceEqual(types, StringComparer.Ordinal))
        {
            return;
        }
        if (types.Count == 0)
        {
            state.State.Tenants.Remove(tenantPath);
        }
        else
        {
            state.State.Tenants[tenantPath] = types;
        }
        await state.WriteOrStartOverAsync(this);
    }

    public Task<IReadOnlyList<string>> Subscribed(IReadOnlyList<string> tenantPaths, string eventType)
    {
        ArgumentNullException.ThrowIfNull(tenantPaths);
        EngineOnly.Require("webhooks");
        return Task.FromResult<IReadOnlyList<string>>(tenantPaths
            .Where(p => state.State.Tenants.TryGetValue(p, out var types) && types.Contains(eventType, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList());
    }
}
