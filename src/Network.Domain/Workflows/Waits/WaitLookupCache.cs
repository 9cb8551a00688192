using System.Collections.Concurrent;
using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>
/// What each event name's entry of the wait index answered (<see cref="IWorkflowWaitIndexGrain.Lookup"/>: the fields
/// waits correlate on), kept per silo with the stamp of the tenant's catalog (<see cref="TenantWorkflowCatalog.Stamp"/>)
/// read before asking. A dispatch that has just read the same stamp uses the answer without asking again: every event's
/// dispatch needs it, and it changes only when a wait correlates on a field new to its event name, which changes the
/// stamp first (<see cref="IWorkflowRegistryGrain.WaitFieldsLearning"/>).
/// </summary>
/// <remarks>
/// Why a kept answer holds for a dispatch that read the same stamp: the stamp it read was made after the last
/// announcement before that read; a field announced by then was added to the entry after its announcement and before
/// its <c>CorrelatesOn</c> returned, and the kept answer was asked for after the stamp was made, so either the field
/// was there or the question waited for <c>CorrelatesOn</c> to end (the entry takes one call at a time). The answer
/// may hold a field learnt later: looking in one more entry changes nothing. So the dispatch sees what it would have
/// seen asking the entry at the moment it read the stamp.
/// </remarks>
public sealed class WaitLookupCache(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<(TenantPath Tenant, string Event), Known> _known = new();

    private sealed record Known(Guid Stamp, WaitLookup Lookup);

    /// <summary>The fields the waits for <paramref name="eventName"/> in <paramref name="tenant"/> correlate on.</summary>
    /// <param name="stamp">The stamp of the tenant's own catalog, read before this call (never after it).</param>
    /// <param name="askAnyway">
    /// Asks the entry even when the stamp is the one kept: for a dispatch whose own starts may have opened waits since
    /// it read the stamp, which must be seen as they were seen before this cache.
    /// </param>
    public async Task<WaitLookup> LookupAsync(TenantPath tenant, string eventName, Guid stamp, bool askAnyway = false)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        if (!askAnyway && _known.TryGetValue((tenant, eventName), out var known) && known.Stamp == stamp)
        {
            return known.Lookup;
        }
        WaitLookup lookup;
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            lookup = await grains.GetGrain<IWorkflowWaitIndexGrain>(WorkflowWaitIndexGrain.KeyFor(tenant, eventName)).Lookup().ConfigureAwait(false);
        }
        // A dispatch that read an older stamp may store after one that read a newer: the next dispatch then asks again.
        _known[(tenant, eventName)] = new Known(stamp, lookup);
        return lookup;
    }
}
