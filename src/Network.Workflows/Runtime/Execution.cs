using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Network.Workflows.Definitions;
using Network.Workflows.Expressions;

namespace Network.Workflows.Runtime;

/// <summary>
/// One interpreter call on one (already copied) state: applies a stimulus, then runs ready paths until every path
/// waits or ends. Activities evaluate everything they need before they change anything, so a step that throws leaves
/// the state as it was (its journal lines are taken back) and is retried or becomes an incident.
/// <para>
/// This file: the entry points, the run loop and the dispatch of a step to its activity. The rest, by concern:
/// <c>Execution.Stimuli.cs</c>, <c>Execution.Paths.cs</c> (moves, scopes, joins, ends), <c>Execution.Failures.cs</c>
/// (retries, incidents), <c>Execution.Journal.cs</c> (journal, outbox), and one file per step kind in
/// <c>Activities/</c>, each returning an <see cref="ActivityResult"/> and stating what it evaluates before it changes anything.
/// </para>
/// </summary>
internal sealed partial class Execution
{
    /// <summary>How many of each id prefix's first ids are shared between instances (<see cref="NewId"/>).</summary>
    private const int SharedIds = 64;

    private static readonly ConditionalWeakTable<WorkflowDefinition, DefinitionLayout> Layouts = new();

    private readonly WorkflowDefinition _definition;
    private readonly WorkflowInstanceState _state;
    private readonly DateTimeOffset _now;
    private readonly WorkflowRunOptions _options;
    private readonly DefinitionLayout _layout;
    private int _steps;

    public Execution(WorkflowDefinition definition, WorkflowInstanceState state, DateTimeOffset now, WorkflowRunOptions options)
    {
        _definition = definition;
        _state = state;
        _now = now;
        _options = options;
        _layout = Layouts.GetValue(definition, static d => new DefinitionLayout(d));
    }

    private ExpressionEvaluator Eval => _options.Evaluator;

    public void Start(IEnumerable<EventReceived> pendingEvents)
    {
        Journal(new(JournalKinds.Started, null, null)
        {
            Why = "started",
            Outcome = $"v{_definition.Version}",
            Inputs = $"inputs {_state.Inputs.ToJsonString()}; settings {string.Join(", ", _state.Settings.Select(s => $"{s.Key}={s.Value}"))}",
        });
        foreach (var (name, expression) in _definition.Variables)
        {
            try
            {
                _state.Variables[name] = Eval.Evaluate(expression, Scope(null));
            }
            catch (ExpressionException e)
            {
                End(WorkflowStatus.Failed, $"variable '{name}': {e.Message}", null);
                Finish();
                return;
            }
        }
        foreach (var pending in pendingEvents)
        {
            // Handed over at the start, an event with no stated expiry is kept for as long as the instance runs.
            Keep(pending with { KeepUntil = pending.KeepUntil ?? DateTimeOffset.MaxValue });
        }
        if (_definition.Steps.Count == 0)
        {
            End(WorkflowStatus.Completed, null, null);
        }
        else
        {
            _state.Paths.Add(new PathToken { Id = NewId("p"), StepId = _definition.Steps[0].Id, Status = PathStatus.Ready, Why = "first step" });
        }
        Run();
    }

    /// <summary>Applies a stimulus and runs; false when it changed nothing (the caller then keeps the old state).</summary>
    public bool Apply(WorkflowStimulus stimulus)
    {
        if (_state.IsEnded)
        {
            return false;
        }
        var journalBefore = _state.Journal.Count;
        var applied = stimulus switch
        {
            EventReceived e => ApplyEvent(e),
            TimerDue t => ApplyTimer(t.WaitId),
            TimersDue => ApplyDueTimers(),
            TaskCompleted t => ApplyTask(t),
            ChildCompleted c => ApplyChild(c),
            CancelInstance c => ApplyCancel(c.Reason),
            RetryIncident r => ApplyAnswer(r.IncidentId, "retried", RunAgain),
            SkipIncident s => ApplyAnswer(s.IncidentId, "skipped", GoOnPast),
            _ => throw new ArgumentException($"unknown stimulus {stimulus.GetType().Name}", nameof(stimulus)),
        };
        if (!applied && _state.Journal.Count == journalBefore)
        {
            return false;
        }
        Run();
        return true;
    }

    private void Run()
    {
        while (!_state.IsEnded)
        {
            var path = _state.Paths.FirstOrDefault(p => p.Status == PathStatus.Ready);
            if (path is null)
            {
                break;
            }
            if (++_steps > _options.MaxStepsPerCall)
            {
                path.Failures++;
                RaiseIncident(path, _definition.Step(path.StepId),
                    $"more than {_options.MaxStepsPerCall} steps ran without every path waiting (a loop with no wait?)");
                continue;
            }
            Execute(path);
        }
        Finish();
    }

    private void Execute(PathToken path)
    {
        var step = _definition.Step(path.StepId);
        if (step is null)
        {
            path.Failures++;
            RaiseIncident(path, null, $"the definition has no step '{path.StepId}'");
            return;
        }
        var why = path.Why;
        var mark = _state.Journal.Count;
        try
        {
            CheckTargets(step);
            var result = step switch
            {
                SequenceStep s => Sequence(path, s),
                IfStep s => If(path, s),
                SwitchStep s => Switch(path, s),
                ParallelStep s => StartBranches(path, s),
                WaitForStep s => WaitFor(path, s),
                TimerStep s => StartTimer(path, s),
                SetStep s => Set(path, s),
                PublishStep s => Publish(path, s),
                NotifyStep s => Notify(path, s),
                EscalateStep s => Escalate(path, s),
                TaskStep s => AssignTask(path, s),
                CallStep s => CallWorkflow(path, s),
                LoopStep s => Loop(path, s),
                EndStep => EndHere(path),
                FailStep s => FailHere(path, s),
                _ => throw new StepFailureException($"the engine does not know the activity '{step.Activity}'"),
            };
            _state.Journal.Insert(mark, Entry(new(JournalKinds.StepStarted, step, path)
            {
                Why = why,
                Outcome = result.Outcome,
                Inputs = result.Inputs,
            }));
            for (var i = mark; i < _state.Journal.Count; i++)
            {
                _state.Journal[i] = _state.Journal[i] with { Seq = _state.JournalStored + i + 1 };
            }
        }
        catch (Exception e) when (e is ExpressionException or StepFailureException)
        {
            _state.Journal.RemoveRange(mark, _state.Journal.Count - mark);
            Fail(path, step, why, e.Message);
        }
    }

    private void CheckTargets(StepDefinition step)
    {
        foreach (var (target, _) in step.Transitions())
        {
            if (!IsEnd(target) && !_layout.Positions.ContainsKey(target))
            {
                throw new StepFailureException($"'{step.Id}' leads to '{target}', which is not a step of {_definition.Id}");
            }
        }
    }

    private void Finish()
    {
        for (var i = _state.PendingEvents.Count - 1; i >= 0; i--)
        {
            var pending = _state.PendingEvents[i];
            if (pending.KeepUntil <= _now)
            {
                _state.PendingEvents.RemoveAt(i);
                Journal(new(JournalKinds.EventExpired, null, null)
                {
                    Why = $"kept since {Format(pending.ReceivedAt)}",
                    Outcome = $"expired at {Format(pending.KeepUntil)}",
                    Inputs = Summary(pending.Name, pending.Data),
                });
            }
        }
        foreach (var path in _state.Paths)
        {
            if (path is { Status: PathStatus.Waiting, Wait.Kind: WaitKind.Event } && _definition.Step(path.StepId) is WaitForStep step)
            {
                path.Wait.Correlation = Correlate(path, step);
            }
        }
        if (!_state.IsEnded)
        {
            _state.Status = _state.Incidents.Any(i => i.Resolution is null) ? WorkflowStatus.Incident
                : _state.Paths.Any(p => p.Status == PathStatus.Ready) ? WorkflowStatus.Running
                : WorkflowStatus.Waiting;
        }
        _state.UpdatedAt = _now;
    }

    private ExpressionScope Scope(PathToken? path, JsonNode? eventData = null) =>
        new(_state.Inputs, _state.Variables, _state.Settings, eventData ?? path?.Event, _now);

    private JsonObject Evaluate(IReadOnlyDictionary<string, Expression> fields, ExpressionScope scope)
    {
        var result = new JsonObject();
        foreach (var (name, expression) in fields)
        {
            result[name] = Eval.Evaluate(expression, scope);
        }
        return result;
    }

    /// <summary>
    /// The next id within the instance ("p1", "w2", "t3"…). The first ids are the same few strings in every instance,
    /// so they are shared (interned: a bounded set), and thousands of waiting instances do not each hold copies.
    /// </summary>
    private string NewId(string prefix)
    {
        var id = prefix + (++_state.LastId).ToString(CultureInfo.InvariantCulture);
        return _state.LastId <= SharedIds ? string.Intern(id) : id;
    }

    private PathToken? FindPath(string id) => _state.Paths.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
