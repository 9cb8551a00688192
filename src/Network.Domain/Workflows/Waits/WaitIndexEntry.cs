using System.Text.Json.Nodes;
using Network.Domain.Storage;
using Network.Domain.Tenancy;
using Network.Workflows.Expressions;
using Network.Workflows.Runtime;

namespace Network.Domain.Workflows;

/// <summary>
/// Where one open wait is indexed: by event name alone when its <c>where</c> states no correlation, else by the
/// first of its correlation fields (in ordinal order, so the same wait always lands in the same entry) and value.
/// </summary>
public readonly record struct WaitIndexEntry(string Event, string? Field, string? Value)
{
    public static WaitIndexEntry For(Bookmark bookmark)
    {
        ArgumentNullException.ThrowIfNull(bookmark);
        var first = bookmark.Correlation.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (KeyValuePair<string, string>?)c).FirstOrDefault();
        return first is { } term ? new(bookmark.Event, term.Key, term.Value) : new(bookmark.Event, null, null);
    }

    public string GrainKey(TenantPath tenant) => Field is null
        ? WorkflowWaitIndexGrain.KeyFor(tenant, Event)
        : WorkflowWaitIndexGrain.KeyFor(tenant, Event, Field, Value!);

    /// <summary>
    /// The instances an event may resume: those waiting without correlation, and for each field waits correlate on,
    /// those waiting for the value the event carries in it. The members are rows the instances write with their own
    /// state (<see cref="StateKeySets.WaitingInstances"/>); the event name's entry grain knows the fields.
    /// </summary>
    public static async Task<IReadOnlyCollection<string>> CandidatesAsync(
        IGrainFactory grains, IStateLogReader waits, TenantPath tenant, string eventName, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(waits);
        var lookup = await grains.GetGrain<IWorkflowWaitIndexGrain>(WorkflowWaitIndexGrain.KeyFor(tenant, eventName)).Lookup();
        return await waits.MembersOfAnyAsync(StateKeySets.WaitingInstances, CandidateEntries(tenant, eventName, data, lookup));
    }

    /// <summary>
    /// The entries whose members an event may resume, read in one go: the event name's entry (uncorrelated waits) and
    /// the entry of each value the event carries in a field that waits correlate on.
    /// </summary>
    public static List<string> CandidateEntries(TenantPath tenant, string eventName, JsonObject data, WaitLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(lookup);
        var entries = new List<string> { WorkflowWaitIndexGrain.KeyFor(tenant, eventName) };
        foreach (var field in lookup.Fields)
        {
            if (data.TryGetPropertyValue(field, out var node) && JsonValues.CorrelationKey(node) is { } value)
            {
                entries.Add(WorkflowWaitIndexGrain.KeyFor(tenant, eventName, field, value));
            }
        }
        return entries;
    }
}
