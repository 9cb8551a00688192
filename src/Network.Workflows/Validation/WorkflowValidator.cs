using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;
using Network.Workflows.Definitions;
using Network.Workflows.Loading;

namespace Network.Workflows.Validation;

/// <summary>
/// The checks a definition must pass before it is published (issue 4, point 6), each naming file, line and column:
/// duplicate or reserved step ids; dangling transitions (then, else, default, switch cases, parallel branches, do
/// lists, loop bodies, timeouts); unreachable steps; a wait-for with no correlation; invalid durations, dates and
/// cron schedules; expression syntax errors (at the error's position inside the file); a loop with no limit; a join
/// larger than its branches; and references to undeclared settings and inputs.
/// </summary>
public static partial class WorkflowValidator
{
    /// <summary>
    /// Checks a definition. With the loader's <paramref name="map"/>, errors point at the exact value (a <c>then</c>,
    /// a branch, the character of an expression where parsing failed); without it, at the step.
    /// </summary>
    public static IReadOnlyList<WorkflowError> Validate(WorkflowDefinition definition, WorkflowSourceMap? map = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<WorkflowError>();
        new Checks(definition, map ?? WorkflowSourceMap.Empty, errors).Run();
        errors.Sort(WorkflowError.Compare);
        return errors;
    }

    /// <summary>Loads and validates one file's text: every loading and validation error, sorted by position.</summary>
    public static WorkflowLoadResult Check(string yaml, string file) => WithValidation(WorkflowLoader.Load(yaml, file));

    /// <summary>Loads and validates one file.</summary>
    public static async Task<WorkflowLoadResult> CheckFileAsync(string path, CancellationToken cancellationToken = default) =>
        WithValidation(await WorkflowLoader.LoadFileAsync(path, cancellationToken).ConfigureAwait(false));

    private static WorkflowLoadResult WithValidation(WorkflowLoadResult loaded)
    {
        if (loaded.Definition is null)
        {
            return loaded;
        }
        var errors = loaded.Errors.Concat(Validate(loaded.Definition, loaded.SourceMap)).Distinct().ToList();
        errors.Sort(WorkflowError.Compare);
        return loaded with { Errors = errors };
    }

    private sealed class Checks(WorkflowDefinition definition, WorkflowSourceMap map, List<WorkflowError> errors)
    {
        private readonly ExpressionChecker _expressions = new(definition, map, errors);
        private readonly HashSet<string> _reportedSettings = new(StringComparer.Ordinal);

        public void Run()
        {
            CheckTrigger(definition.Trigger);
            CheckSettings();
            foreach (var (name, expression) in definition.Variables)
            {
                _expressions.Check(expression, $"the initial value of '{name}'");
            }
            var ids = CheckStepIds();
            foreach (var step in definition.Steps)
            {
                CheckTransitions(step, ids);
                CheckStep(step);
            }
            CheckReachability();
        }

        private void CheckTrigger(Trigger trigger)
        {
            switch (trigger)
            {
                case ScheduleTrigger schedule:
                    CheckCron(schedule.Cron, map.SpanOf(schedule, "cron") ?? schedule.At);
                    break;
                case EventTrigger start:
                    if (start.Where is not null)
                    {
                        _expressions.Check(start.Where, "starts-on's where");
                    }
                    foreach (var (name, expression) in start.Inputs)
                    {
                        _expressions.Check(expression, $"the input '{name}'");
                        if (!definition.Inputs.Contains(name, StringComparer.Ordinal))
                        {
                            Error(map.SpanOf(start, $"inputs.{name}") ?? expression.At, WorkflowErrorCodes.UndeclaredInput,
                                $"starts-on gives the input '{name}', which is not listed in inputs{Suggestions.DidYouMean(name, definition.Inputs)}");
                        }
                    }
                    break;
            }
        }

        private void CheckSettings()
        {
            foreach (var (name, value) in definition.Settings)
            {
                if (IsoDuration.HasLiteralShape(value) && !IsoDuration.TryParse(value, out _, out var problem))
                {
                    _reportedSettings.Add(name);
                    Error(map.SpanOf(definition, $"settings.{name}") ?? definition.At, WorkflowErrorCodes.InvalidDuration,
                        $"the setting '{name}' = '{value}': {problem}");
                }
            }
        }

        private HashSet<string> CheckStepIds()
        {
            var first = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
            foreach (var step in definition.Steps)
            {
                var at = IdSpan(step);
                if (step.Id == WorkflowFormat.EndTarget)
                {
                    Error(at, WorkflowErrorCodes.ReservedStepId, "a step cannot be called 'end': 'then: end' means the end of the path");
                }
                if (string.IsNullOrWhiteSpace(step.Id))
                {
                    Error(at, WorkflowErrorCodes.MissingKey, "a step has an empty id");
                }
                else if (!first.TryAdd(step.Id, step))
                {
                    Error(at, WorkflowErrorCodes.DuplicateStepId,
                        $"the step id '{step.Id}' is used twice (first at line {IdSpan(first[step.Id]).Line}); step ids must be unique");
                }
            }
            return [.. first.Keys, .. map.UnbuiltStepIds];
        }

        private void CheckTransitions(StepDefinition step, HashSet<string> ids)
        {
            foreach (var (target, key, fallback) in StepGraph.Targets(step))
            {
                if (target == WorkflowFormat.EndTarget || ids.Contains(target))
                {
                    continue;
                }
                var what = key switch
                {
                    "then" when step is IfStep => "its 'then'",
                    "then" => "'then'",
                    "else" => "'else'",
                    "default" => "'default'",
                    "timeout.then" => "its timeout",
                    "loop" => "its loop body",
                    _ when key.StartsWith("do[", StringComparison.Ordinal) => "its 'do' list",
                    _ when key.StartsWith("parallel[", StringComparison.Ordinal) => "a branch",
                    _ when key.StartsWith("switch[", StringComparison.Ordinal) => "a case",
                    _ => $"'{key}'",
                };
                Error(map.SpanOf(step, key) ?? fallback, WorkflowErrorCodes.DanglingTransition,
                    $"step '{step.Id}' goes to '{target}' in {what}, but there is no step '{target}'{Suggestions.DidYouMean(target, ids.Append(WorkflowFormat.EndTarget))}");
            }
        }

        private void CheckStep(StepDefinition step)
        {
            var name = $"step '{step.Id}'";
            switch (step)
            {
                case SequenceStep { Steps.Count: 0 }:
                    Error(step.At, WorkflowErrorCodes.EmptyActivity, $"{name}: 'do' lists no steps");
                    break;
                case SequenceStep or EndStep:
                    // Nothing of their own: a do's list is checked with the transitions, and end takes no value.
                    break;
                case IfStep branch:
                    _expressions.Check(branch.Condition, $"{name}'s condition");
                    break;
                case SwitchStep choice:
                    if (choice.Cases.Count == 0)
                    {
                        Error(step.At, WorkflowErrorCodes.EmptyActivity, $"{name}: 'switch' has no cases");
                    }
                    foreach (var c in choice.Cases)
                    {
                        _expressions.Check(c.When, $"{name}'s case");
                    }
                    break;
                case ParallelStep parallel:
                    CheckParallel(parallel, name);
                    break;
                case WaitForStep wait:
                    CheckWaitFor(wait, name);
                    break;
                case TimerStep timer:
                    CheckTimer(timer, name);
                    break;
                case SetStep set:
                    if (set.Values.Count == 0)
                    {
                        Error(step.At, WorkflowErrorCodes.EmptyActivity, $"{name}: 'set' sets no variable");
                    }
                    CheckAll(set.Values, name, "the value of");
                    break;
                case PublishStep publish:
                    CheckAll(publish.Data, name, "the field");
                    break;
                case NotifyStep notify:
                    _expressions.Check(notify.Message, $"{name}'s message");
                    break;
                case EscalateStep escalate:
                    if (escalate.Message is not null)
                    {
                        _expressions.Check(escalate.Message, $"{name}'s message");
                    }
                    break;
                case TaskStep task:
                    _expressions.Check(task.Title, $"{name}'s title");
                    if (task.Due is not null)
                    {
                        CheckMoment(task.Due, $"{name}'s due");
                    }
                    break;
                case CallStep call:
                    CheckAll(call.Inputs, name, "the input");
                    break;
                case LoopStep loop:
                    if (loop.While is not null)
                    {
                        _expressions.Check(loop.While, $"{name}'s while");
                    }
                    if (loop.Max is null)
                    {
                        Error(step.At, WorkflowErrorCodes.LoopWithoutLimit,
                            $"{name} loops with no limit; give it 'max' (the most times it may run its body)");
                    }
                    else if (loop.Max < 1)
                    {
                        Error(map.SpanOf(step, "max") ?? step.At, WorkflowErrorCodes.LoopWithoutLimit, $"{name}: max must be 1 or more, not {loop.Max}");
                    }
                    break;
                case FailStep fail:
                    _expressions.Check(fail.Reason, $"{name}'s reason");
                    break;
                default:
                    // Every kind of step is named above, so that a new kind cannot pass unchecked (StepKindCoverageTests).
                    Error(step.At, WorkflowErrorCodes.UnknownActivity, $"{name}: the validator does not know the activity '{step.Activity}'");
                    break;
            }
        }

        private void CheckAll(IReadOnlyDictionary<string, Expression> expressions, string name, string what)
        {
            foreach (var (key, expression) in expressions)
            {
                _expressions.Check(expression, $"{name}: {what} '{key}'");
            }
        }

        private void CheckParallel(ParallelStep parallel, string name)
        {
            if (parallel.Branches.Count == 0)
            {
                Error(parallel.At, WorkflowErrorCodes.EmptyActivity, $"{name}: 'parallel' lists no branches");
            }
            if (parallel.Join.Kind == JoinKind.NOfM && (parallel.Join.Count < 1 || parallel.Join.Count > parallel.Branches.Count))
            {
                Error(map.SpanOf(parallel, "join") ?? parallel.At, WorkflowErrorCodes.JoinExceedsBranches,
                    $"{name} joins on {parallel.Join.Count} of {parallel.Branches.Count} branches; join must be between 1 and {parallel.Branches.Count}");
            }
        }

        private void CheckWaitFor(WaitForStep wait, string name)
        {
            if (wait.Where is null)
            {
                Error(wait.At, WorkflowErrorCodes.MissingCorrelation,
                    $"{name} waits for {wait.Event} with no 'where': without a correlation it would take any instance's event "
                    + "(e.g. where: event.commitmentId == input.commitmentId)");
            }
            else
            {
                _expressions.Check(wait.Where, $"{name}'s where");
            }
            if (wait.Timeout is not null)
            {
                CheckDuration(wait.Timeout.After, $"{name}'s timeout");
            }
        }

        private void CheckTimer(TimerStep timer, string name)
        {
            var given = new[] { timer.After is not null, timer.Until is not null, timer.Cron is not null }.Count(x => x);
            if (given != 1)
            {
                Error(timer.At, WorkflowErrorCodes.InvalidTimer,
                    $"{name}: a timer waits for exactly one of after (a duration), until (a moment) or cron, not {given}");
            }
            if (timer.After is not null)
            {
                CheckDuration(timer.After, $"{name}'s after");
            }
            if (timer.Until is not null)
            {
                CheckMoment(timer.Until, $"{name}'s until");
            }
            if (timer.Cron is not null)
            {
                CheckCron(timer.Cron, map.SpanOf(timer, "timer.cron") ?? timer.At);
            }
        }

        /// <summary>
        /// A duration is an ISO 8601 literal when it has the shape of one (and then it must parse), else an expression
        /// (which must parse, and when it is just <c>settings.x</c>, the setting must hold a duration).
        /// </summary>
        private void CheckDuration(Expression duration, string what)
        {
            var text = duration.Source.Trim();
            if (IsoDuration.HasLiteralShape(text))
            {
                if (!IsoDuration.TryParse(text, out _, out var problem))
                {
                    Error(duration.At, WorkflowErrorCodes.InvalidDuration, $"{what} '{text}': {problem}");
                }
                return;
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                Error(duration.At, WorkflowErrorCodes.InvalidDuration,
                    $"{what} '{text}' has no unit; write an ISO 8601 duration such as P{text}D (days) or PT{text}H (hours)");
                return;
            }
            if (_expressions.Check(duration, what) is null)
            {
                return;
            }
            if (SettingReference().Match(text) is { Success: true } match
                && definition.Settings.TryGetValue(match.Groups[1].Value, out var value)
                && !IsoDuration.TryParse(value, out _, out var settingProblem)
                && _reportedSettings.Add(match.Groups[1].Value))
            {
                Error(map.SpanOf(definition, $"settings.{match.Groups[1].Value}") ?? duration.At, WorkflowErrorCodes.InvalidDuration,
                    $"the setting '{match.Groups[1].Value}' = '{value}' is used as a duration ({what}): {settingProblem}");
            }
        }

        /// <summary>A moment is an expression; a bare date would be read by JavaScript as a subtraction (2017-03-21 is 1993).</summary>
        private void CheckMoment(Expression moment, string what)
        {
            var text = moment.Source.Trim();
            if (BareDate().IsMatch(text))
            {
                Error(moment.At, WorkflowErrorCodes.InvalidDate,
                    $"{what} '{text}' is a bare date, which JavaScript reads as arithmetic; write it as a string (\"'{text}'\") or take it from an input");
                return;
            }
            _expressions.Check(moment, what);
        }

        private void CheckCron(string cron, SourceSpan at)
        {
            try
            {
                CronExpression.Parse(cron, CronFormat.Standard);
            }
            catch (CronFormatException e)
            {
                var reason = e.Message.Replace("The given cron expression has an invalid format.", "", StringComparison.Ordinal).Trim().TrimEnd('.');
                Error(at, WorkflowErrorCodes.InvalidCron,
                    $"the cron schedule '{cron}' is not valid{(reason.Length > 0 ? $" ({reason})" : "")}; it has five fields, in UTC: minute hour day-of-month month day-of-week, e.g. \"0 9 1 * *\"");
            }
        }

        private void CheckReachability()
        {
            // A step left out for its own errors may be the one that leads elsewhere; judge reachability once it loads.
            if (map.UnbuiltStepIds.Count > 0 || definition.Steps.Count == 0)
            {
                return;
            }
            var reached = StepGraph.Reachable(definition.Steps);
            var first = definition.Steps[0].Id;
            foreach (var step in definition.Steps.Where((_, index) => !reached.Contains(index)))
            {
                Error(IdSpan(step), WorkflowErrorCodes.UnreachableStep,
                    $"step '{step.Id}' is never reached: no path from the first step ('{first}') leads to it");
            }
        }

        private SourceSpan IdSpan(StepDefinition step) => map.SpanOf(step, "id") ?? step.At;

        private void Error(SourceSpan at, string code, string message) => errors.Add(new WorkflowError(at, code, message));
    }

    [GeneratedRegex(@"^settings\.([A-Za-z_$][A-Za-z0-9_$]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex SettingReference();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex BareDate();
}
