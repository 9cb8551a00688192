namespace Network.Workflows.Definitions;

/// <summary>
/// A workflow as its YAML file declares it: what starts it, what it takes, and a graph of steps. A published version
/// is immutable; instances stay on the version they started with, unless migrated to another
/// (<see cref="Runtime.Migration.WorkflowMigration"/>).
/// </summary>
/// <param name="Settings">Named values a tenant may override (e.g. <c>stallAfter: P45D</c>); expressions see them as <c>settings.x</c>.</param>
/// <param name="Variables">Initial values of the instance's variables (<c>vars.x</c>), as expressions.</param>
/// <param name="Steps">The steps, in file order; the first is where an instance starts.</param>
public sealed record WorkflowDefinition(
    string Id,
    int Version,
    string Title,
    string? Description,
    Trigger Trigger,
    IReadOnlyList<string> Inputs,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, Expression> Variables,
    IReadOnlyList<StepDefinition> Steps,
    SourceSpan At)
{
    public StepDefinition? Step(string id) => Steps.FirstOrDefault(s => s.Id == id);
}

/// <summary>What starts an instance.</summary>
public abstract record Trigger(SourceSpan At);

/// <summary>A domain event, e.g. <c>CommitmentRecorded</c>, optionally filtered by an expression over <c>event</c>.</summary>
public sealed record EventTrigger(string Event, Expression? Where, IReadOnlyDictionary<string, Expression> Inputs, SourceSpan At) : Trigger(At);

/// <summary>A cron schedule (five fields, UTC).</summary>
public sealed record ScheduleTrigger(string Cron, SourceSpan At) : Trigger(At);

/// <summary>Started by hand, through the API.</summary>
public sealed record ManualTrigger(SourceSpan At) : Trigger(At);
