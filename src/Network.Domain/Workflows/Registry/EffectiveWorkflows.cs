using System.Collections;
using System.Collections.Concurrent;
using Network.Workflows.Definitions;
using Network.Workflows.Expressions;

namespace Network.Domain.Workflows;

/// <summary>
/// The definitions one tenant runs (one per id, by id), as <see cref="WorkflowDefinitionResolver"/> resolved them, and
/// what the dispatch of an event needs of them by event name: which ones the event starts, and which fields their
/// waits for it correlate on. Worked out once per event name while the resolution holds (the resolver keeps it until
/// a catalog's stamp changes), so a dispatch costs the same however many definitions and steps the tenant has.
/// </summary>
public sealed class EffectiveWorkflows(IReadOnlyList<ResolvedWorkflow> resolved) : IReadOnlyList<ResolvedWorkflow>
{
    private readonly ConcurrentDictionary<string, ByEvent> _byEvent = new(StringComparer.Ordinal);

    private sealed record ByEvent(IReadOnlyList<ResolvedWorkflow> Triggered, IReadOnlyList<string> CorrelatedFields);

    public ResolvedWorkflow this[int index] => resolved[index];

    public int Count => resolved.Count;

    /// <summary>The definitions whose trigger is <paramref name="eventName"/> (its <c>where</c> still decides each start), by id.</summary>
    public IReadOnlyList<ResolvedWorkflow> TriggeredBy(string eventName) => Of(eventName).Triggered;

    /// <summary>
    /// The fields the <c>wait-for</c> steps for <paramref name="eventName"/> correlate on (<see cref="CorrelationReader"/>),
    /// once each, in the order of the definitions and their steps.
    /// </summary>
    public IReadOnlyList<string> CorrelatedFields(string eventName) => Of(eventName).CorrelatedFields;

    public IEnumerator<ResolvedWorkflow> GetEnumerator() => resolved.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Bounded by the event names a tenant's dispatches carry; a fresh object replaces this one when a catalog changes.
    private ByEvent Of(string eventName) =>
        _byEvent.TryGetValue(eventName, out var known) ? known : _byEvent.GetOrAdd(eventName, Read(eventName));

    private ByEvent Read(string name)
    {
        var triggered = new List<ResolvedWorkflow>();
        var fields = new List<string>();
        foreach (var workflow in resolved)
        {
            if (workflow.Definition.Trigger is EventTrigger trigger && trigger.Event == name)
            {
                triggered.Add(workflow);
            }
            foreach (var step in workflow.Definition.Steps)
            {
                if (step is WaitForStep { Where: { } where } wait && wait.Event == name)
                {
                    foreach (var term in CorrelationReader.Read(where.Source))
                    {
                        if (!fields.Contains(term.Field))
                        {
                            fields.Add(term.Field);
                        }
                    }
                }
            }
        }
        return new ByEvent(triggered, fields);
    }
}
