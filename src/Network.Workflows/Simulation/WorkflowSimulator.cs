using System.Globalization;
using System.Text.Json.Nodes;
using Network.Workflows.Definitions;
using Network.Workflows.Runtime;

namespace Network.Workflows.Simulation;

/// <summary>
/// Runs a definition on a virtual clock with the same interpreter a host uses: start at <c>start</c>, then again and
/// again advance to the earlier of the next timer and the next scripted event, deliver it, until <c>until</c> or
/// until the instance ends. Months of virtual time take milliseconds: nothing waits for real.
/// <para>
/// Scripted events are delivered to the instance (and to its running children) with their <c>type</c> as the
/// event name; one that no wait takes is kept for <see cref="SimulationOptions.KeepUnmatchedEventsFor"/> (the host's
/// buffer does the same). A scripted event of type <c>task:&lt;step-id&gt;</c> completes the open task of that step
/// with its data as the result. At the same moment, scripted events go before timers.
/// </para>
/// <para>
/// A <c>call</c> runs the child definition inline when <see cref="SimulationOptions.Children"/> has it (its steps
/// appear in the timeline as <c>child-id/step-id</c>, and its variables are the call's result); otherwise the call
/// completes at once with no result, and the timeline says so.
/// </para>
/// </summary>
public static class WorkflowSimulator
{
    /// <summary>The scripted event type prefix that completes a task: <c>task:report-progress</c>.</summary>
    public const string TaskCompletionPrefix = "task:";

    public static SimulationResult Run(
        WorkflowDefinition definition,
        DateTimeOffset start,
        DateTimeOffset until,
        JsonObject? inputs = null,
        IReadOnlyDictionary<string, string>? settingsOverrides = null,
        IEnumerable<SimulatedEvent>? events = null,
        SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new Simulation(options ?? SimulationOptions.Default).Run(definition, start, until, inputs, settingsOverrides, events ?? []);
    }

    private sealed class Simulation(SimulationOptions options)
    {
        private readonly List<Instance> _instances = [];
        private readonly List<TimelineEntry> _timeline = [];
        private DateTimeOffset _clock;

        public SimulationResult Run(
            WorkflowDefinition definition,
            DateTimeOffset start,
            DateTimeOffset until,
            JsonObject? inputs,
            IReadOnlyDictionary<string, string>? settingsOverrides,
            IEnumerable<SimulatedEvent> events)
        {
            _clock = start;
            var script = events.OrderBy(e => e.At).ToList();
            var root = new Instance(definition, WorkflowInterpreter.Start(definition, inputs, settingsOverrides, start, "simulation", options: options.RunOptions), null, null, "");
            _instances.Add(root);
            Settle(root);
            var next = 0;
            var stimuli = 0;
            while (!root.State.IsEnded)
            {
                var timer = EarliestTimer();
                DateTimeOffset? eventAt = next < script.Count ? Max(script[next].At, _clock) : null;
                var deliverEvent = eventAt is not null && (timer is null || eventAt <= timer.Value.Timer.DueAt);
                var at = deliverEvent ? eventAt : timer?.Timer.DueAt;
                if (at is null || at > until)
                {
                    break;
                }
                if (++stimuli > options.MaxStimuli)
                {
                    _timeline.Add(new TimelineEntry(_clock, "stopped", null, $"more than {options.MaxStimuli} timers and events: the simulation stopped"));
                    break;
                }
                _clock = Max(_clock, at.Value);
                if (deliverEvent)
                {
                    Deliver(script[next], next);
                    next++;
                }
                else
                {
                    var (instance, scheduled) = timer!.Value;
                    Resume(instance, new TimerDue(scheduled.WaitId));
                }
            }
            return new SimulationResult(_timeline, root.State, _instances.Skip(1).Select(i => i.State).ToList());
        }

        /// <summary>The earliest timer of any running instance (the first instance wins a tie).</summary>
        private (Instance Instance, ScheduledTimer Timer)? EarliestTimer()
        {
            (Instance Instance, ScheduledTimer Timer)? earliest = null;
            foreach (var instance in _instances)
            {
                if (instance.State.IsEnded)
                {
                    continue;
                }
                var timers = WorkflowInterpreter.Timers(instance.State);
                if (timers.Count > 0 && (earliest is null || timers[0].DueAt < earliest.Value.Timer.DueAt))
                {
                    earliest = (instance, timers[0]);
                }
            }
            return earliest;
        }

        private void Deliver(SimulatedEvent scripted, int index)
        {
            if (scripted.Type.StartsWith(TaskCompletionPrefix, StringComparison.Ordinal))
            {
                var stepId = scripted.Type[TaskCompletionPrefix.Length..];
                foreach (var instance in _instances.Where(i => !i.State.IsEnded))
                {
                    if (instance.State.OpenTasks.FirstOrDefault(t => string.Equals(t.StepId, stepId, StringComparison.Ordinal)) is { } task)
                    {
                        Resume(instance, new TaskCompleted(task.Id, scripted.Data?.DeepClone()));
                        return;
                    }
                }
                _timeline.Add(new TimelineEntry(_clock, "task", stepId, $"no open task at '{stepId}' to complete"));
                return;
            }
            var id = scripted.Id ?? "scripted-" + index.ToString(CultureInfo.InvariantCulture);
            var changed = false;
            foreach (var instance in _instances.ToList())
            {
                if (instance.State.IsEnded)
                {
                    continue;
                }
                // Only the instance the events are for keeps what it cannot take yet; children take what they wait for.
                var keepUntil = instance.Parent is null && options.KeepUnmatchedEventsFor is { } keep ? _clock + keep : (DateTimeOffset?)null;
                changed |= Resume(instance, new EventReceived(scripted.Type, scripted.Data?.DeepClone(), id, keepUntil));
            }
            if (!changed)
            {
                _timeline.Add(new TimelineEntry(_clock, "event", null, $"{scripted.Type}: no wait took it, and it was not kept"));
            }
        }

        private bool Resume(Instance instance, WorkflowStimulus stimulus)
        {
            var before = instance.State;
            instance.State = WorkflowInterpreter.Resume(instance.Definition, instance.State, stimulus, _clock, options.RunOptions);
            if (ReferenceEquals(before, instance.State))
            {
                return false;
            }
            Settle(instance);
            return true;
        }

        /// <summary>Reads the instance's new journal lines into the timeline, and carries out its outbox.</summary>
        private void Settle(Instance instance)
        {
            var journal = instance.State.Journal;
            for (; instance.JournalSeen < journal.Count; instance.JournalSeen++)
            {
                if (Timeline.FromJournal(journal[instance.JournalSeen], instance.StepPrefix) is { } entry)
                {
                    _timeline.Add(entry);
                }
            }
            var outbox = instance.State.Outbox.ToList();
            if (outbox.Count > 0)
            {
                instance.State = WorkflowInterpreter.Acknowledge(instance.State, outbox.Select(m => m.Id));
            }
            foreach (var message in outbox)
            {
                if (message is { Kind: OutboxKinds.Call, CallId: { } callId })
                {
                    StartChild(instance, message, callId);
                }
                else if (message is { Kind: OutboxKinds.CancelCall, CallId: { } cancelled } &&
                    _instances.FirstOrDefault(i => i.Parent == instance && i.CallId == cancelled) is { } child)
                {
                    Resume(child, new CancelInstance("the calling path was cancelled"));
                }
            }
            if (instance.State.IsEnded && instance.Parent is { } parent && !instance.Reported)
            {
                instance.Reported = true;
                var error = instance.State.Status == WorkflowStatus.Completed ? null : instance.State.Reason ?? instance.State.Status.ToString();
                Resume(parent, new ChildCompleted(instance.CallId!, instance.State.Variables.DeepClone(), error));
            }
        }

        private void StartChild(Instance parent, OutboxMessage message, string callId)
        {
            var workflow = message.Name ?? "";
            if (options.Children?.TryGetValue(workflow, out var definition) != true || definition is null)
            {
                _timeline.Add(new TimelineEntry(_clock, "call", parent.StepPrefix + message.StepId,
                    $"{workflow} is not part of the simulation: the call completes at once with no result"));
                Resume(parent, new ChildCompleted(callId, null));
                return;
            }
            var prefix = parent.StepPrefix + workflow + "/";
            var state = WorkflowInterpreter.Start(definition, message.Data as JsonObject, null, _clock, $"{parent.State.InstanceId}/{callId}", options: options.RunOptions);
            var child = new Instance(definition, state, parent, callId, prefix);
            _instances.Add(child);
            Settle(child);
        }

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }

    private sealed class Instance(WorkflowDefinition definition, WorkflowInstanceState state, Instance? parent, string? callId, string stepPrefix)
    {
        public WorkflowDefinition Definition { get; } = definition;

        public WorkflowInstanceState State { get; set; } = state;

        public Instance? Parent { get; } = parent;

        public string? CallId { get; } = callId;

        public string StepPrefix { get; } = stepPrefix;

        public int JournalSeen { get; set; }

        public bool Reported { get; set; }
    }
}

/// <summary>Options of a simulation.</summary>
public sealed record SimulationOptions
{
    public static SimulationOptions Default { get; } = new();

    /// <summary>Definitions a <c>call</c> may run inline, by workflow id.</summary>
    public IReadOnlyDictionary<string, WorkflowDefinition>? Children { get; init; }

    /// <summary>How long an event no wait took is kept for a later wait (the host's buffer does the same); null keeps nothing.</summary>
    public TimeSpan? KeepUnmatchedEventsFor { get; init; } = TimeSpan.FromDays(30);

    /// <summary>A guard against a definition that never stops scheduling timers at the same moment.</summary>
    public int MaxStimuli { get; init; } = 100_000;

    public WorkflowRunOptions RunOptions { get; init; } = WorkflowRunOptions.Default;
}

/// <summary>An event in a simulation's script: when it arrives, its type (the event name) and its data.</summary>
public sealed record SimulatedEvent(DateTimeOffset At, string Type, JsonNode? Data = null, string? Id = null);

/// <summary>What a simulation returns: the timeline, and the final state of the instance (and of any children it ran).</summary>
public sealed record SimulationResult(IReadOnlyList<TimelineEntry> Timeline, WorkflowInstanceState State, IReadOnlyList<WorkflowInstanceState> Children);
