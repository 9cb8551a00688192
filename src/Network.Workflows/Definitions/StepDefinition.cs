namespace Network.Workflows.Definitions;

/// <summary>
/// One step of a workflow: an id (which the journal, the simulation timeline and migration mappings use), one
/// activity, and where to go next. <see cref="Then"/> null means the next step in the file; the id "end" ends the path.
/// </summary>
public abstract record StepDefinition(string Id, string? Then, RetryPolicy? Retry, SourceSpan At)
{
    /// <summary>The activity keyword as written in YAML, e.g. "wait-for".</summary>
    public abstract string Activity { get; }

    /// <summary>Every step id this step can lead to (for validation and reachability).</summary>
    public virtual IEnumerable<(string Target, SourceSpan At)> Transitions()
    {
        if (Then is not null)
        {
            yield return (Then, At);
        }
    }
}

/// <summary>How a failing step is retried before it becomes an incident: attempts, first delay, and backoff factor.</summary>
public sealed record RetryPolicy(int Attempts, TimeSpan FirstDelay, double Backoff);

/// <summary>Runs the listed steps one after another, then goes on to <see cref="StepDefinition.Then"/>.</summary>
public sealed record SequenceStep(string Id, IReadOnlyList<string> Steps, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "do";

    public override IEnumerable<(string Target, SourceSpan At)> Transitions() => base.Transitions().Concat(Steps.Select(s => (s, At)));
}

/// <summary>Goes to <see cref="IfTrue"/> when the condition holds, else to <see cref="IfFalse"/> (or on).</summary>
public sealed record IfStep(string Id, Expression Condition, string IfTrue, string? IfFalse, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "if";

    public override IEnumerable<(string Target, SourceSpan At)> Transitions() =>
        base.Transitions().Append((IfTrue, At)).Concat(IfFalse is null ? [] : [(IfFalse, At)]);
}

/// <summary>The first case whose condition holds decides where to go; else <see cref="Default"/>.</summary>
public sealed record SwitchStep(string Id, IReadOnlyList<SwitchCase> Cases, string? Default, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "switch";

    public override IEnumerable<(string Target, SourceSpan At)> Transitions() =>
        base.Transitions().Concat(Cases.Select(c => (c.Then, c.When.At))).Concat(Default is null ? [] : [(Default, At)]);
}

public sealed record SwitchCase(Expression When, string Then);

/// <summary>How many branches of a parallel step must finish before it goes on.</summary>
public sealed record JoinRule(JoinKind Kind, int Count)
{
    public static JoinRule All { get; } = new(JoinKind.All, 0);
    public static JoinRule Any { get; } = new(JoinKind.Any, 1);
}

public enum JoinKind
{
    All,
    Any,
    NOfM,
}

/// <summary>Starts every branch (a step id each) at once; goes on when the join rule is met, cancelling the rest.</summary>
public sealed record ParallelStep(string Id, IReadOnlyList<string> Branches, JoinRule Join, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "parallel";

    public override IEnumerable<(string Target, SourceSpan At)> Transitions() => base.Transitions().Concat(Branches.Select(b => (b, At)));
}

/// <summary>
/// Waits for an event whose data satisfies <see cref="Where"/> (the correlation: the expression sees <c>event</c>,
/// <c>input</c>, <c>vars</c>, <c>settings</c>). With a timeout, goes to its step when nothing came in time.
/// The event's data is kept in <c>vars[ResultVariable]</c> when one is named.
/// </summary>
public sealed record WaitForStep(string Id, string Event, Expression? Where, WaitTimeout? Timeout, string? ResultVariable, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "wait-for";

    public override IEnumerable<(string Target, SourceSpan At)> Transitions() =>
        base.Transitions().Concat(Timeout is null ? [] : [(Timeout.Then, Timeout.At)]);
}

/// <param name="After">An ISO 8601 duration or an expression giving one (e.g. <c>settings.stallAfter</c>).</param>
public sealed record WaitTimeout(Expression After, string Then, SourceSpan At);

/// <summary>Waits a duration (<see cref="After"/>), until a moment (<see cref="Until"/>), or for the next cron occurrence.</summary>
public sealed record TimerStep(string Id, Expression? After, Expression? Until, string? Cron, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "timer";
}

/// <summary>Sets variables from expressions.</summary>
public sealed record SetStep(string Id, IReadOnlyDictionary<string, Expression> Values, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "set";
}

/// <summary>Publishes an event (through the instance's outbox) with data computed from expressions.</summary>
public sealed record PublishStep(string Id, string Event, IReadOnlyDictionary<string, Expression> Data, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "publish";
}

/// <summary>Tells a tenant or a role something (e.g. <c>owners</c>, <c>tenant-coordinator</c>, <c>network-coordinator</c>).</summary>
/// <param name="Contacts">
/// Which of those tenants' contacts get it by e-mail: the role their profile gives them (e.g. "focal point"); null,
/// every contact. The inbox gets it either way.
/// </param>
public sealed record NotifyStep(string Id, string To, Expression Message, string? Then, RetryPolicy? Retry, SourceSpan At, string? Contacts = null)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "notify";
}

/// <summary>Raises one level of an escalation ladder to a tenant or role.</summary>
public sealed record EscalateStep(string Id, string To, int Level, Expression? Message, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "escalate";
}

/// <summary>A task for people: assigned to a tenant or role, due at a moment; completed through the API with a result.</summary>
public sealed record TaskStep(string Id, string AssignTo, Expression Title, Expression? Due, string? ResultVariable, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "task";
}

/// <summary>Starts a child workflow and waits for it to end.</summary>
public sealed record CallStep(string Id, string Workflow, IReadOnlyDictionary<string, Expression> Inputs, string? ResultVariable, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "call";
}

/// <summary>Runs <see cref="Body"/> again while <see cref="While"/> holds, at most <see cref="Max"/> times.</summary>
public sealed record LoopStep(string Id, string Body, Expression? While, int? Max, string? Then, RetryPolicy? Retry, SourceSpan At)
    : StepDefinition(Id, Then, Retry, At)
{
    public override string Activity => "loop";

    public override IEnumerable<(string Target, SourceSpan At)> Transitions() => base.Transitions().Append((Body, At));
}

/// <summary>Ends the path (and the instance, when no other path is running).</summary>
public sealed record EndStep(string Id, SourceSpan At) : StepDefinition(Id, null, null, At)
{
    public override string Activity => "end";
}

/// <summary>Fails the instance with a reason.</summary>
public sealed record FailStep(string Id, Expression Reason, SourceSpan At) : StepDefinition(Id, null, null, At)
{
    public override string Activity => "fail";
}
