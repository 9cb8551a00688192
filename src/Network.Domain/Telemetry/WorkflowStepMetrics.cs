using System.Text.Json.Nodes;
using Network.Contracts.Messaging;
using Network.Workflows.Runtime;

namespace Network.Domain.Telemetry;

/// <summary>
/// What one stored step of a workflow instance counts for: read from the journal lines the step wrote and the
/// effects it added to the instance's outbox, once the write committed (a step that failed to store counts nothing).
/// </summary>
public static class WorkflowStepMetrics
{
    /// <param name="before">The instance as it was stored before the step (null when the step started it).</param>
    /// <param name="journal">The journal lines the step wrote.</param>
    /// <param name="eventName">The event the step was resuming on, when it was one.</param>
    public static void RecordStep(this NetworkMetrics metrics, WorkflowInstanceState? before, WorkflowInstanceState after,
        IReadOnlyList<JournalEntry> journal, string? eventName)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(journal);
        foreach (var line in journal)
        {
            switch (line.Kind)
            {
                case JournalKinds.Started:
                    metrics.InstanceStarted(after.DefinitionId);
                    break;
                case JournalKinds.Completed:
                    metrics.InstanceCompleted(after.DefinitionId);
                    break;
                case JournalKinds.Failed:
                    metrics.InstanceFailed(after.DefinitionId);
                    break;
                case JournalKinds.EventReceived:
                    // The line's "why" starts with the event's name ("ProgressReported matched …").
                    metrics.EventDelivered(eventName ?? line.Why?.Split(' ', 2)[0] ?? "");
                    break;
                case JournalKinds.TimerFired:
                    metrics.TimerFired("timer");
                    break;
                case JournalKinds.TimedOut:
                    metrics.TimerFired("timeout");
                    break;
            }
        }
        var known = before?.Outbox.Select(m => m.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var effect in after.Outbox.Where(m => !known.Contains(m.Id)))
        {
            if (effect.Kind == OutboxKinds.Escalation)
            {
                metrics.EscalationRaised(Level(effect.Data));
            }
            else if (effect is { Kind: OutboxKinds.Event, Name: nameof(CommitmentStalled) })
            {
                metrics.CommitmentMarkedStalled();
            }
        }
    }

    private static int Level(JsonNode? data) =>
        data?["level"] is JsonValue value && value.TryGetValue<int>(out var level) ? level : 0;
}
