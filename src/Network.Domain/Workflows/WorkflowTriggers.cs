using System.Text.Json.Nodes;
using Network.Domain.Storage;
using Network.Domain.Telemetry;
using Network.Domain.Tenancy;
using Network.Workflows.Definitions;
using Network.Workflows.Expressions;
using Network.Workflows.Runtime;

namespace Network.Domain.Workflows;

/// <summary>
/// Hands a domain event to the workflows: starts an instance of every definition whose trigger it matches, delivers
/// it to the instances of its home tenant whose open waits match its name and correlation value (from the wait
/// index, <see cref="WaitIndexEntry"/>), and keeps it for <see cref="KeepEarlyEventsFor"/> in the index entries of
/// its correlation values, so a wait created later (an instance that starts after the event) still takes it.
/// Instance ids are derived from the definition and the event's subject, so a redelivered event starts nothing twice.
/// </summary>
public sealed class WorkflowTriggers(
    IGrainFactory grains, IStateLogReader waits, IStateLogWriter keeper, WorkflowDefinitionResolver definitions, WaitLookupCache waitLookups,
    WaitMembersHints waitHints, TimeProvider clock, NetworkMetrics metrics)
{
    /// <summary>How long an event is kept for waits that do not exist yet, unless the dispatch states otherwise.</summary>
    public static readonly TimeSpan KeepEarlyEventsFor = TimeSpan.FromDays(30);

    /// <param name="subjectId">What the event is about (e.g. a commitment id); names the instances it starts.</param>
    /// <param name="eventId">Unique per event; instances apply an event id once.</param>
    /// <param name="keepFor">How long to keep the event for later waits (default <see cref="KeepEarlyEventsFor"/>; zero keeps nothing).</param>
    /// <param name="startTriggered">
    /// False to only resume (and keep the event for) waits: for the tenants above a linked tenant that sent it, whose
    /// definitions the sender already runs (a definition applies to its tenant's whole subtree), so it starts once.
    /// </param>
    public Task DispatchAsync(TenantPath home, string eventName, JsonObject data, string subjectId, string eventId, TimeSpan? keepFor = null,
        bool startTriggered = true) =>
        DispatchManyAsync(home, [DispatchedEvent.InThisCall(eventName, data, subjectId, eventId)], keepFor, startTriggered);

    /// <summary>
    /// Hands several events of one tenant on at once, as if one after the other: each starts what it triggers, in
    /// order, under its own trace and audit line; each instance is given the events it waits for in one call, which
    /// applies them in order and stores them together (<see cref="IWorkflowInstanceGrain.DeliverMany"/>); each event
    /// name's entry is asked once, and events that look in the same entries read them once.
    /// </summary>
    /// <param name="keepFor">As for <see cref="DispatchAsync"/>, for every event.</param>
    /// <param name="startTriggered">As for <see cref="DispatchAsync"/>, for every event.</param>
    public async Task DispatchManyAsync(TenantPath home, IReadOnlyList<DispatchedEvent> events, TimeSpan? keepFor = null, bool startTriggered = true)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        // The catalog is read before the wait index's fields (the order WaitLookupCache relies on).
        var (effective, stamp) = await definitions.EffectiveWithStampAsync(home);
        var started = false;
        foreach (var dispatched in startTriggered ? events : [])
        {
            using var inItsCall = dispatched.EnterItsCall();
            foreach (var resolved in effective.TriggeredBy(dispatched.Name))
            {
                started |= await StartIfTriggeredAsync(home, resolved, dispatched.Name, dispatched.Data, dispatched.SubjectId);
            }
        }

        // One look at each event name's fields serves both the keeping and the delivery below. After starts, the
        // entries are asked: the instances just started may have taught them a field (after the stamp was read).
        var lookups = new Dictionary<string, WaitLookup>(StringComparer.Ordinal);
        foreach (var name in events.Select(e => e.Name).Distinct(StringComparer.Ordinal))
        {
            lookups[name] = await waitLookups.LookupAsync(home, name, stamp, askAnyway: started);
        }
        var deliveries = events.Select(e => e.ToDelivery(e.Data.ToJsonString())).ToList();
        var now = clock.GetUtcNow();
        var keepUntil = now + (keepFor ?? KeepEarlyEventsFor);
        var keeps = new List<(int Event, string Entry, OnceAppend Append)>();
        for (var i = 0; keepUntil > now && i < events.Count; i++)
        {
            var kept = new KeptEvent(deliveries[i].EventId, deliveries[i].Name, deliveries[i].DataJson, keepUntil);
            foreach (var entry in KeepEntries(home, events[i].Name, events[i].Data, effective, lookups[events[i].Name]))
            {
                keeps.Add((i, entry, WorkflowWaitIndexGrain.KeepingIn(entry, kept)));
            }
        }
        var candidates = events.Select(e => WaitIndexEntry.CandidateEntries(home, e.Name, e.Data, lookups[e.Name])).ToList();
        await DeliverWhileKeepingAsync(keeps, candidates, deliveries);
    }

    /// <summary>
    /// The waiting instances are read and given their events while the keeps are committed beside those writes, so no
    /// commit is waited for before the deliveries; then the entries kept in are read again, and the waits that opened
    /// there meanwhile get the event too. A wait that opened after the first read and asked for kept events before the
    /// keep would otherwise miss it: either its question comes after the keep (and finds the event) or its row came
    /// before the second read (which finds it). On PostgreSQL the second read runs in the keep's own transaction,
    /// before its commit, and the entries' locks give the same either-or there (the host's <c>PostgresOwnerLocks</c>).
    /// Keeping first, then reading once, would put a commit before every delivery: 24% fewer events/s on SQLite, 12%
    /// fewer on PostgreSQL, in the benchmark.
    /// </summary>
    /// <remarks>
    /// An event that is kept, and whose entries this silo's <see cref="WaitMembersHints"/> name instances in, skips the
    /// first read: the hinted instances are given it at once, and the second read covers all its entries (not only
    /// those kept in), so any waiting instance the hints missed takes it from there.
    /// </remarks>
    private async Task DeliverWhileKeepingAsync(List<(int Event, string Entry, OnceAppend Append)> keeps, List<List<string>> candidates,
        List<EventDelivery> deliveries)
    {
        var keptEntries = new List<string>?[deliveries.Count];
        foreach (var keep in keeps)
        {
            (keptEntries[keep.Event] ??= []).Add(keep.Entry);
        }
        var hinted = new List<string>?[deliveries.Count];
        var sets = new EntrySets();
        var setOfEvent = new int[deliveries.Count];
        for (var i = 0; i < deliveries.Count; i++)
        {
            // Only a kept event has the second read, which finds what the hints missed.
            hinted[i] = keptEntries[i] is null ? null : waitHints.InstancesIn(candidates[i]);
            setOfEvent[i] = hinted[i] is null ? sets.IndexOf(candidates[i]) : -1;
        }
        var read = new List<IReadOnlyList<string>>(sets.ToRead.Count);
        foreach (var set in sets.ToRead)
        {
            read.Add(await waits.MembersOfAnyAsync(StateKeySets.WaitingInstances, set));
        }
        var delivered = new List<IReadOnlyList<string>>(deliveries.Count);
        for (var i = 0; i < deliveries.Count; i++)
        {
            delivered.Add(hinted[i] ?? read[setOfEvent[i]]);
        }
        await Task.WhenAll(DeliverAsync(delivered, deliveries), KeepThenDeliverLateAsync());

        async Task KeepThenDeliverLateAsync()
        {
            if (keeps.Count == 0)
            {
                return;
            }
            var keptIn = new EntrySets();
            var keptSetOfEvent = new int[deliveries.Count];
            for (var i = 0; i < deliveries.Count; i++)
            {
                keptSetOfEvent[i] = keptEntries[i] is not { } entries ? -1
                    : keptIn.IndexOf(hinted[i] is null ? entries : [.. entries.Union(candidates[i], StringComparer.Ordinal)]);
            }
            var (appended, members) = await keeper.AppendOnceThenReadMembersAsync(keeps.ConvertAll(k => k.Append), StateKeySets.WaitingInstances, keptIn.ToRead);
            CountKept(keeps, appended, deliveries);
            // Only the waits the first read (or the hints) did not see: each event's own (mostly none).
            var late = new List<IReadOnlyList<string>>(deliveries.Count);
            for (var i = 0; i < deliveries.Count; i++)
            {
                late.Add(keptSetOfEvent[i] < 0 ? [] : NotAmong(members[keptSetOfEvent[i]], delivered[i]) ?? (IReadOnlyList<string>)[]);
            }
            await DeliverAsync(late, deliveries);
        }
    }

    /// <summary>The <paramref name="members"/> (each once) that <paramref name="seen"/> does not hold, in their order; null when it holds them all.</summary>
    private static List<string>? NotAmong(IReadOnlyList<string> members, IReadOnlyList<string> seen)
    {
        // Mostly one member, the one instance already seen: a set only for many.
        var seenSet = seen.Count > 8 ? new HashSet<string>(seen, StringComparer.Ordinal) : null;
        List<string>? notSeen = null;
        foreach (var member in members)
        {
            if (!(seenSet?.Contains(member) ?? Holds(seen, member)))
            {
                (notSeen ??= []).Add(member);
            }
        }
        return notSeen;

        static bool Holds(IReadOnlyList<string> list, string value)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (string.Equals(list[i], value, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
    }

    private void CountKept(List<(int Event, string Entry, OnceAppend Append)> keeps, IReadOnlyList<bool> appended, List<EventDelivery> deliveries)
    {
        for (var i = 0; i < keeps.Count; i++)
        {
            if (appended[i])
            {
                metrics.EventKept(deliveries[keeps[i].Event].Name);
            }
        }
    }

    /// <summary>Each instance is given the events it may take (<paramref name="instancesPerEvent"/>, by event) in one call, in their order.</summary>
    private async Task DeliverAsync(List<IReadOnlyList<string>> instancesPerEvent, List<EventDelivery> deliveries)
    {
        var perInstance = new Dictionary<string, List<EventDelivery>>(StringComparer.Ordinal);
        for (var i = 0; i < deliveries.Count; i++)
        {
            foreach (var instanceKey in instancesPerEvent[i])
            {
                if (!perInstance.TryGetValue(instanceKey, out var taken))
                {
                    perInstance[instanceKey] = taken = [];
                }
                taken.Add(deliveries[i]);
            }
        }
        await Task.WhenAll(perInstance.Select(p => grains.GetGrain<IWorkflowInstanceGrain>(p.Key).DeliverMany(p.Value)));
    }

    /// <returns>Whether it started (or found started) an instance.</returns>
    private async Task<bool> StartIfTriggeredAsync(TenantPath home, ResolvedWorkflow resolved, string eventName, JsonObject data, string subjectId)
    {
        var definition = resolved.Definition;
        if (definition.Trigger is not EventTrigger trigger || trigger.Event != eventName)
        {
            return false;
        }
        var scope = new ExpressionScope(null, null, resolved.EffectiveSettings(), data, clock.GetUtcNow());
        if (trigger.Where is { } where && !ExpressionEvaluator.Default.IsTrue(where.Source, scope))
        {
            return false;
        }
        var inputs = new JsonObject();
        foreach (var (name, expression) in trigger.Inputs)
        {
            inputs[name] = ExpressionEvaluator.Default.Evaluate(expression.Source, scope)?.DeepClone();
        }
        var instanceKey = TenantScopedKey.For(home, InstanceIds.For(definition.Id, subjectId));
        await grains.GetGrain<IWorkflowInstanceGrain>(instanceKey).Start(definition.Id, inputs.ToJsonString());
        return true;
    }

    /// <summary>
    /// The index entries (their keys) a later wait for this event would register in: one per field that waits
    /// correlate on — those already in the index, and those the tenant's definitions' <c>wait-for</c> steps state —
    /// that the event carries a value for.
    /// </summary>
    /// <remarks>
    /// The fields come from the look-up made before delivering. A field first registered by a delivery in between
    /// belongs to an instance that has just taken this very event (applied once by id), so nothing is missed.
    /// </remarks>
    private static List<string> KeepEntries(TenantPath home, string eventName, JsonObject data, EffectiveWorkflows effective, WaitLookup lookup)
    {
        var entries = new List<string>();
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in lookup.Fields.Concat(effective.CorrelatedFields(eventName)))
        {
            if (fields.Add(field) && data.TryGetPropertyValue(field, out var node) && JsonValues.CorrelationKey(node) is { } value)
            {
                entries.Add(new WaitIndexEntry(eventName, field, value).GrainKey(home));
            }
        }
        return entries;
    }
}
