using System.Text.Json.Nodes;
using Network.Domain.Tenancy;
using Network.Workflows.Definitions;
using Network.Workflows.Expressions;

namespace Network.Domain.Workflows;

/// <summary>
/// Hands a domain event to the workflows: starts an instance of every definition whose trigger it matches, and
/// delivers it to the instances of its home tenant whose open waits match its name and correlation value (from the
/// wait index, <see cref="WaitIndexEntry"/>).
/// Instance ids are derived from the definition and the event's subject, so a redelivered event starts nothing twice.
/// </summary>
public sealed class WorkflowTriggers(IGrainFactory grains, WorkflowDefinitionResolver definitions, TimeProvider clock)
{
    /// <param name="subjectId">What the event is about (e.g. a commitment id); names the instances it starts.</param>
    /// <param name="eventId">Unique per event; instances apply an event id once.</param>
    public async Task DispatchAsync(TenantPath home, string eventName, JsonObject data, string subjectId, string eventId)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        foreach (var resolved in await definitions.EffectiveAsync(home))
        {
            var definition = resolved.Definition;
            if (definition.Trigger is not EventTrigger trigger || trigger.Event != eventName)
            {
                continue;
            }
            var scope = new ExpressionScope(null, null, resolved.EffectiveSettings(), data, clock.GetUtcNow());
            if (trigger.Where is { } where && !ExpressionEvaluator.Default.IsTrue(where.Source, scope))
            {
                continue;
            }
            var inputs = new JsonObject();
            foreach (var (name, expression) in trigger.Inputs)
            {
                inputs[name] = ExpressionEvaluator.Default.Evaluate(expression.Source, scope)?.DeepClone();
            }
            var instanceKey = TenantScopedKey.For(home, $"{definition.Id}--{subjectId}");
            await grains.GetGrain<IWorkflowInstanceGrain>(instanceKey).Start(definition.Id, inputs.ToJsonString());
        }

        foreach (var instanceKey in await WaitIndexEntry.CandidatesAsync(grains, home, eventName, data))
        {
            await grains.GetGrain<IWorkflowInstanceGrain>(instanceKey).Deliver(eventName, data.ToJsonString(), eventId);
        }
    }
}
