using System.Text.Json.Nodes;
using Network.Workflows.Definitions;
using Network.Workflows.Expressions;

namespace Network.Workflows.Runtime;

/// <summary>
/// Runs workflow definitions, one call per thing that happens, as pure functions of (definition, state, stimulus,
/// now): no clock of its own, no I/O, no Orleans. A host persists the state each call returns, then carries out its
/// outbox; after a crash it calls again from the last persisted state and nothing is lost or done twice.
/// <para>
/// Each call runs every path that is ready until it waits or ends (Runtime/README.md describes the rules), and
/// never changes the state it is given. A workflow error (an expression that throws, a child that
/// failed) never throws out of here: it is retried under the step's policy, then becomes an incident.
/// </para>
/// </summary>
public static class WorkflowInterpreter
{
    /// <summary>Starts an instance of <paramref name="definition"/> at <paramref name="now"/> and runs it until every path waits or ends.</summary>
    /// <param name="inputs">The inputs (<c>input.x</c>); declared inputs that are missing are null.</param>
    /// <param name="settingsOverrides">The tenant's values for the definition's settings (<c>stallAfter: P30D</c>).</param>
    /// <param name="instanceId">The host's id for the instance (a new GUID when null); outbox message ids start with it.</param>
    /// <param name="pendingEvents">
    /// Events the host kept because they came before the instance existed; each is kept (until its
    /// <see cref="EventReceived.KeepUntil"/>) for the first <c>wait-for</c> whose <c>where</c> it satisfies.
    /// </param>
    public static WorkflowInstanceState Start(
        WorkflowDefinition definition,
        JsonObject? inputs,
        IReadOnlyDictionary<string, string>? settingsOverrides,
        DateTimeOffset now,
        string? instanceId = null,
        IEnumerable<EventReceived>? pendingEvents = null,
        WorkflowRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var state = new WorkflowInstanceState
        {
            InstanceId = instanceId ?? Guid.NewGuid().ToString("N"),
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            Status = WorkflowStatus.Running,
            StartedAt = now,
            UpdatedAt = now,
            Inputs = inputs is null ? [] : (JsonObject)inputs.DeepClone(),
        };
        foreach (var name in definition.Inputs)
        {
            state.Inputs.TryAdd(name, null);
        }
        foreach (var (name, value) in definition.Settings)
        {
            state.Settings[name] = value;
        }
        foreach (var (name, value) in settingsOverrides ?? new Dictionary<string, string>())
        {
            state.Settings[name] = value;
        }
        new Execution(definition, state, now, options ?? WorkflowRunOptions.Default).Start(pendingEvents ?? []);
        return state;
    }

    /// <summary>
    /// Applies <paramref name="stimulus"/> at <paramref name="now"/> and runs every path that became ready until it
    /// waits or ends. Returns a new state, or <paramref name="state"/> itself when the stimulus changed nothing (a
    /// duplicate event, a timer for a wait that is gone, an event no wait took and that is not to be kept, …).
    /// </summary>
    public static WorkflowInstanceState Resume(
        WorkflowDefinition definition,
        WorkflowInstanceState state,
        WorkflowStimulus stimulus,
        DateTimeOffset now,
        WorkflowRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(stimulus);
        if (!string.Equals(definition.Id, state.DefinitionId, StringComparison.Ordinal) || definition.Version != state.DefinitionVersion)
        {
            throw new ArgumentException(
                $"instance {state.InstanceId} runs {state.DefinitionId} v{state.DefinitionVersion}, not {definition.Id} v{definition.Version}",
                nameof(definition));
        }
        var next = state.Clone();
        return new Execution(definition, next, now, options ?? WorkflowRunOptions.Default).Apply(stimulus) ? next : state;
    }

    /// <summary>When the earliest timer is due (a timer, a <c>wait-for</c>'s timeout, a retry): one reminder for the host to set. Null when none.</summary>
    public static DateTimeOffset? NextDueAt(WorkflowInstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        DateTimeOffset? next = null;
        foreach (var path in state.Paths)
        {
            if (path.Wait?.DueAt is { } due && (next is null || due < next))
            {
                next = due;
            }
        }
        return state.IsEnded ? null : next;
    }

    /// <summary>Every timer of the instance, earliest first; deliver one with <see cref="TimerDue"/> (or all due ones with <see cref="TimersDue"/>).</summary>
    public static IReadOnlyList<ScheduledTimer> Timers(WorkflowInstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.IsEnded
            ? []
            : state.Paths
                .Where(p => p.Wait?.DueAt is not null)
                .Select(p => new ScheduledTimer(p.Wait!.Id, p.Id, p.StepId, p.Wait.Kind, p.Wait.DueAt!.Value))
                .OrderBy(t => t.DueAt)
                .ToList();
    }

    /// <summary>The open event waits, for the host's index of correlated waits.</summary>
    public static IReadOnlyList<Bookmark> Bookmarks(WorkflowInstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.IsEnded
            ? []
            : state.Paths
                .Where(p => p.Status == PathStatus.Waiting && p.Wait is { Kind: WaitKind.Event, Event: not null })
                .Select(p => new Bookmark(state.InstanceId, p.Id, p.Wait!.Id, p.StepId, p.Wait.Event!,
                    new Dictionary<string, string>(p.Wait.Correlation, StringComparer.Ordinal), p.Wait.DueAt))
                .ToList();
    }

    /// <summary>Removes the outbox messages the host has carried out.</summary>
    public static WorkflowInstanceState Acknowledge(WorkflowInstanceState state, IEnumerable<string> messageIds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(messageIds);
        var done = messageIds.ToHashSet(StringComparer.Ordinal);
        if (!state.Outbox.Any(m => done.Contains(m.Id)))
        {
            return state;
        }
        var next = state.Clone();
        next.Outbox.RemoveAll(m => done.Contains(m.Id));
        return next;
    }
}

/// <summary>How the interpreter runs: the expression sandbox, and how many steps one call may run without a wait.</summary>
public sealed record WorkflowRunOptions
{
    public static WorkflowRunOptions Default { get; } = new();

    public ExpressionEvaluator Evaluator { get; init; } = ExpressionEvaluator.Default;

    /// <summary>
    /// A call that runs more steps than this without every path waiting (a loop with no wait and no limit that
    /// stops it) makes the running path an incident instead of spinning.
    /// </summary>
    public int MaxStepsPerCall { get; init; } = 10_000;

    /// <summary>The turns a <c>loop</c> with no <c>max</c> may make (the validator refuses such a loop; this is the engine's own guard).</summary>
    public int DefaultLoopMax { get; init; } = 10_000;
}

/// <summary>One timer of an instance: which wait (the id <see cref="TimerDue"/> takes), on which path and step, of what kind, due when.</summary>
public sealed record ScheduledTimer(string WaitId, string PathId, string StepId, WaitKind Kind, DateTimeOffset DueAt);

/// <summary>
/// An open <c>wait-for</c>, for the host's index: instance, path and wait, the event name, and the correlation
/// values its <c>where</c> states (field → key as <see cref="JsonValues.CorrelationKey"/> gives it; empty when the
/// <c>where</c> states none, so only the name can be indexed). The <c>where</c> still decides when the event comes.
/// </summary>
public sealed record Bookmark(
    string InstanceId,
    string PathId,
    string WaitId,
    string StepId,
    string Event,
    IReadOnlyDictionary<string, string> Correlation,
    DateTimeOffset? TimeoutAt)
{
    /// <summary>Whether an event's data has the correlation values of this wait (the index's test, not the <c>where</c>'s).</summary>
    public bool MayMatch(string eventName, JsonNode? data)
    {
        if (!string.Equals(eventName, Event, StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var (field, key) in Correlation)
        {
            if (data is not JsonObject obj || !obj.TryGetPropertyValue(field, out var value) ||
                !string.Equals(JsonValues.CorrelationKey(value), key, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }
}
