using System.Globalization;
using Network.Workflows.Definitions;
using Network.Workflows.Validation;
using YamlDotNet.RepresentationModel;

namespace Network.Workflows.Loading;

/// <summary>Steps: an id, exactly one activity keyword, the activity's own keys, and then/retry.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly HashSet<string> KnownStepKeys =
        WorkflowFormat.StepKeys.Values.SelectMany(keys => keys).ToHashSet(StringComparer.Ordinal);

    private StepDefinition? ReadStep(YamlNode node, int number)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, WorkflowErrorCodes.WrongType, $"step {number} is a mapping (- id: …, <activity>: …), not {Describe(node)}");
            return null;
        }
        var entries = Entries(mapping).ToList();

        string? id = null;
        var idEntry = entries.FirstOrDefault(e => e.Name == "id");
        if (idEntry.Key is null)
        {
            Error(mapping, WorkflowErrorCodes.MissingKey,
                $"step {number} has no id; every step needs one (the journal, the simulation and migrations name steps by id)");
        }
        else if (IsNull(idEntry.Value))
        {
            Error(idEntry.Key, WorkflowErrorCodes.MissingKey, $"step {number} has an empty id");
        }
        else
        {
            id = Text(idEntry.Value, "a step's id");
        }
        var name = id is null ? $"step {number}" : $"step '{id}'";

        var activities = entries.Where(e => WorkflowFormat.ActivityKeywords.Contains(e.Name, StringComparer.Ordinal)).ToList();
        if (activities.Count != 1)
        {
            ReportActivityCount(mapping, entries, activities, name);
            Unbuilt(id);
            return null;
        }

        var activity = activities[0].Name;
        var keys = StepKeys(entries, activity);
        var at = Span(mapping);
        var spans = new List<(string Key, SourceSpan At)>();
        if (id is not null)
        {
            spans.Add(("id", Span(idEntry.Value)));
        }

        string? then = null;
        if (keys.TryGetValue("then", out var thenEntry))
        {
            then = StepId(thenEntry, "then", spans);
        }
        var retry = keys.TryGetValue("retry", out var retryEntry) ? ReadRetry(retryEntry.Value) : null;

        var value = activities[0].Value;
        var step = activity switch
        {
            "do" => (StepDefinition?)ReadSequence(id, value, then, retry, at, spans),
            "if" => ReadIf(id, mapping, keys, value, then, retry, at, spans),
            "switch" => ReadSwitch(id, keys, value, then, retry, at, spans),
            "parallel" => ReadParallel(id, keys, value, then, retry, at, spans),
            "wait-for" => ReadWaitFor(id, keys, value, then, retry, at, spans),
            "timer" => ReadTimer(id, value, then, retry, at, spans),
            "set" => ReadSet(id, value, then, retry, at),
            "publish" => ReadPublish(id, keys, value, then, retry, at),
            "notify" => ReadNotify(id, mapping, keys, value, then, retry, at),
            "escalate" => ReadEscalate(id, keys, value, then, retry, at, spans),
            "task" => ReadTask(id, mapping, keys, value, then, retry, at),
            "call" => ReadCall(id, keys, value, then, retry, at),
            "loop" => ReadLoop(id, keys, value, then, retry, at, spans),
            "end" => ReadEnd(id, value, at),
            "fail" => ReadFail(id, value, at),
            _ => null,
        };
        if (step is null)
        {
            Unbuilt(id);
            return null;
        }
        foreach (var (key, span) in spans)
        {
            _map.Record(step, key, span);
        }
        return step;
    }

    private void ReportActivityCount(
        YamlMappingNode mapping, List<(string Name, YamlScalarNode Key, YamlNode Value)> entries,
        List<(string Name, YamlScalarNode Key, YamlNode Value)> activities, string name)
    {
        var all = string.Join(", ", WorkflowFormat.ActivityKeywords);
        if (activities.Count > 1)
        {
            Error(activities[1].Key, WorkflowErrorCodes.MultipleActivities,
                $"{name} has more than one activity ({string.Join(", ", activities.Select(a => $"'{a.Name}'"))}); a step does one thing, so split it in two");
            return;
        }
        // No activity: a key that is not a key of any step is most likely a misspelt activity.
        var unknown = entries.Where(e => !KnownStepKeys.Contains(e.Name)).ToList();
        foreach (var (key, keyNode, _) in unknown)
        {
            var suggestion = Suggestions.DidYouMean(key, WorkflowFormat.ActivityKeywords);
            Error(keyNode, WorkflowErrorCodes.UnknownActivity,
                $"unknown activity '{key}'{(suggestion.Length > 0 ? suggestion : $" (a step does one of: {all})")}");
        }
        if (unknown.Count == 0)
        {
            Error(mapping, WorkflowErrorCodes.MissingActivity, $"{name} has no activity; give it one of: {all}");
        }
    }

    /// <summary>The step's keys, reporting any its activity does not take.</summary>
    private Dictionary<string, (YamlScalarNode Key, YamlNode Value)> StepKeys(List<(string Name, YamlScalarNode Key, YamlNode Value)> entries, string activity)
    {
        var allowed = WorkflowFormat.StepKeys[activity];
        var result = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (key, keyNode, valueNode) in entries)
        {
            if (allowed.Contains(key, StringComparer.Ordinal))
            {
                result[key] = (keyNode, valueNode);
            }
            else if (key is "then" or "retry")
            {
                Error(keyNode, WorkflowErrorCodes.UnknownKey, $"'{key}' does not apply to an '{activity}' step, which ends the path");
            }
            else
            {
                var suggestion = Suggestions.DidYouMean(key, allowed);
                Error(keyNode, WorkflowErrorCodes.UnknownKey,
                    $"unknown key '{key}' in a '{activity}' step{(suggestion.Length > 0 ? suggestion : $" (it takes {string.Join(", ", allowed)})")}");
            }
        }
        return result;
    }

    private string? StepId((YamlScalarNode Key, YamlNode Value) entry, string spanKey, List<(string Key, SourceSpan At)> spans)
    {
        if (IsNull(entry.Value))
        {
            Error(entry.Key, WorkflowErrorCodes.MissingKey, $"'{entry.Key.Value}' has no value; name a step, or 'end'");
            return null;
        }
        var target = Text(entry.Value, $"'{entry.Key.Value}' (a step id)");
        if (target is not null)
        {
            spans.Add((spanKey, Span(entry.Value)));
        }
        return target;
    }

    private List<string>? StepIdList(YamlNode node, string activity, List<(string Key, SourceSpan At)> spans)
    {
        if (TextList(node, $"'{activity}' (a list of step ids)") is not { } items)
        {
            return null;
        }
        for (var i = 0; i < items.Count; i++)
        {
            spans.Add(($"{activity}[{i}]", Span(items[i].Node)));
        }
        return items.Select(item => item.Text).ToList();
    }

    private RetryPolicy? ReadRetry(YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, WorkflowErrorCodes.WrongType, $"retry is a mapping ({{ attempts: 3, delay: PT1M, backoff: 2 }}), not {Describe(node)}");
            return null;
        }
        var keys = Keys(mapping, WorkflowFormat.RetryKeys, "retry");
        int? attempts = null;
        if (keys.TryGetValue("attempts", out var attemptsEntry))
        {
            attempts = Integer(attemptsEntry.Value, "attempts");
            if (attempts is < 1)
            {
                Error(attemptsEntry.Value, WorkflowErrorCodes.InvalidValue, $"attempts must be 1 or more, not {attempts}");
                attempts = null;
            }
        }
        else
        {
            Error(mapping, WorkflowErrorCodes.MissingKey, "retry needs 'attempts' (how many times to try before it becomes an incident)");
        }

        var delay = TimeSpan.FromMinutes(1);
        if (keys.TryGetValue("delay", out var delayEntry) && Text(delayEntry.Value, "delay") is { } delayText)
        {
            if (!IsoDuration.TryParse(delayText, out var duration, out var problem))
            {
                Error(delayEntry.Value, WorkflowErrorCodes.InvalidDuration, $"retry delay '{delayText}': {problem}");
            }
            else if (duration.HasCalendarUnits)
            {
                Error(delayEntry.Value, WorkflowErrorCodes.InvalidDuration, $"retry delay '{delayText}' is in months or years; give it in days, hours, minutes or seconds");
            }
            else
            {
                delay = duration.Time;
            }
        }

        var backoff = 2.0;
        if (keys.TryGetValue("backoff", out var backoffEntry) && Number(backoffEntry.Value, "backoff") is { } factor)
        {
            if (factor < 1)
            {
                Error(backoffEntry.Value, WorkflowErrorCodes.InvalidValue, $"backoff is the factor each delay grows by, 1 or more, not {factor.ToString(CultureInfo.InvariantCulture)}");
            }
            else
            {
                backoff = factor;
            }
        }
        return attempts is { } n ? new RetryPolicy(n, delay, backoff) : null;
    }

    // ---- one reader per activity; null when something it needs is missing (the error is already reported) ----

    private SequenceStep? ReadSequence(string? id, YamlNode value, string? then, RetryPolicy? retry, SourceSpan at, List<(string, SourceSpan)> spans) =>
        StepIdList(value, "do", spans) is { } steps && id is not null ? new SequenceStep(id, steps, then, retry, at) : null;

    private IfStep? ReadIf(
        string? id, YamlMappingNode mapping, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlNode value,
        string? then, RetryPolicy? retry, SourceSpan at, List<(string, SourceSpan)> spans)
    {
        var condition = Expr(value, "if (a condition)");
        if (condition is null && value is YamlScalarNode)
        {
            Error(value, WorkflowErrorCodes.MissingKey, "'if' has no condition");
        }
        if (then is null && !keys.ContainsKey("then"))
        {
            Error(mapping, WorkflowErrorCodes.MissingKey, "an 'if' step needs 'then' (the step to go to when the condition holds)");
        }
        string? otherwise = null;
        if (keys.TryGetValue("else", out var elseEntry))
        {
            otherwise = StepId(elseEntry, "else", spans);
        }
        // In YAML an if's 'then' is where a true condition goes; the step itself has no separate 'then'.
        return condition is not null && then is not null && id is not null ? new IfStep(id, condition, then, otherwise, null, retry, at) : null;
    }

    private SwitchStep? ReadSwitch(
        string? id, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlNode value,
        string? then, RetryPolicy? retry, SourceSpan at, List<(string, SourceSpan)> spans)
    {
        if (value is not YamlSequenceNode caseNodes)
        {
            Error(value, WorkflowErrorCodes.WrongType, $"'switch' is a list of cases (- when: <expr>, then: <step>), not {Describe(value)}");
            return null;
        }
        var cases = new List<SwitchCase>();
        var complete = true;
        for (var i = 0; i < caseNodes.Children.Count; i++)
        {
            if (caseNodes.Children[i] is not YamlMappingNode caseNode)
            {
                Error(caseNodes.Children[i], WorkflowErrorCodes.WrongType, $"a case of 'switch' is a mapping (when: <expr>, then: <step>), not {Describe(caseNodes.Children[i])}");
                complete = false;
                continue;
            }
            var caseKeys = Keys(caseNode, WorkflowFormat.SwitchCaseKeys, "a case of 'switch'");
            var when = RequiredExpr(caseNode, caseKeys, "when", "a case of 'switch'");
            string? target = null;
            if (caseKeys.TryGetValue("then", out var targetEntry))
            {
                target = StepId(targetEntry, $"switch[{i}].then", spans);
            }
            else
            {
                Error(caseNode, WorkflowErrorCodes.MissingKey, "a case of 'switch' needs 'then' (the step to go to)");
            }
            if (when is null || target is null)
            {
                complete = false;
                continue;
            }
            cases.Add(new SwitchCase(when, target));
        }
        string? fallback = null;
        if (keys.TryGetValue("default", out var defaultEntry))
        {
            fallback = StepId(defaultEntry, "default", spans);
        }
        return complete && id is not null ? new SwitchStep(id, cases, fallback, then, retry, at) : null;
    }

    private ParallelStep? ReadParallel(
        string? id, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlNode value,
        string? then, RetryPolicy? retry, SourceSpan at, List<(string, SourceSpan)> spans)
    {
        var branches = StepIdList(value, "parallel", spans);
        var join = JoinRule.All;
        if (keys.TryGetValue("join", out var joinEntry) && Text(joinEntry.Value, "join") is { } joinText)
        {
            spans.Add(("join", Span(joinEntry.Value)));
            if (joinText == "all")
            {
                join = JoinRule.All;
            }
            else if (joinText == "any")
            {
                join = JoinRule.Any;
            }
            else if (int.TryParse(joinText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
            {
                join = new JoinRule(JoinKind.NOfM, count);
            }
            else
            {
                Error(joinEntry.Value, WorkflowErrorCodes.InvalidValue,
                    $"join is all, any, or how many branches must end (a number), not '{joinText}'{Suggestions.DidYouMean(joinText, ["all", "any"])}");
            }
        }
        return branches is not null && id is not null ? new ParallelStep(id, branches, join, then, retry, at) : null;
    }

    private WaitForStep? ReadWaitFor(
        string? id, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlNode value,
        string? then, RetryPolicy? retry, SourceSpan at, List<(string, SourceSpan)> spans)
    {
        var eventName = ActivityText(value, "wait-for", "the event to wait for (e.g. ProgressReported)");
        var where = keys.TryGetValue("where", out var whereEntry) ? Expr(whereEntry.Value, "where") : null;
        var result = keys.TryGetValue("result", out var resultEntry) ? Text(resultEntry.Value, "result (a variable name)") : null;
        WaitTimeout? timeout = null;
        var timeoutComplete = true;
        if (keys.TryGetValue("timeout", out var timeoutEntry))
        {
            if (timeoutEntry.Value is YamlMappingNode timeoutNode)
            {
                var timeoutKeys = Keys(timeoutNode, WorkflowFormat.TimeoutKeys, "timeout");
                var after = RequiredExpr(timeoutNode, timeoutKeys, "after", "timeout");
                string? target = null;
                if (timeoutKeys.TryGetValue("then", out var targetEntry))
                {
                    target = StepId(targetEntry, "timeout.then", spans);
                }
                else
                {
                    Error(timeoutNode, WorkflowErrorCodes.MissingKey, "timeout needs 'then' (the step to go to when nothing came in time)");
                }
                timeoutComplete = after is not null && target is not null;
                timeout = timeoutComplete ? new WaitTimeout(after!, target!, Span(timeoutNode)) : null;
            }
            else
            {
                Error(timeoutEntry.Value, WorkflowErrorCodes.WrongType, $"timeout is a mapping ({{ after: P7D, then: <step> }}), not {Describe(timeoutEntry.Value)}");
                timeoutComplete = false;
            }
        }
        return eventName is not null && timeoutComplete && id is not null
            ? new WaitForStep(id, eventName, where, timeout, result, then, retry, at)
            : null;
    }

    private TimerStep? ReadTimer(string? id, YamlNode value, string? then, RetryPolicy? retry, SourceSpan at, List<(string, SourceSpan)> spans)
    {
        if (value is not YamlMappingNode mapping || mapping.Children.Count == 0)
        {
            Error(value, IsNull(value) || value is YamlMappingNode ? WorkflowErrorCodes.MissingKey : WorkflowErrorCodes.WrongType,
                "'timer' needs one of: after: <duration>, until: <expr>, cron: \"<5 fields>\" (as a mapping under timer)");
            return null;
        }
        var keys = Keys(mapping, WorkflowFormat.TimerKeys, "timer");
        var after = keys.TryGetValue("after", out var afterEntry) ? Expr(afterEntry.Value, "after (a duration)") : null;
        var until = keys.TryGetValue("until", out var untilEntry) ? Expr(untilEntry.Value, "until (a moment)") : null;
        string? cron = null;
        if (keys.TryGetValue("cron", out var cronEntry))
        {
            cron = Text(cronEntry.Value, "cron");
            spans.Add(("timer.cron", Span(cronEntry.Value)));
        }
        return id is not null ? new TimerStep(id, after, until, cron, then, retry, at) : null;
    }

    private SetStep? ReadSet(string? id, YamlNode value, string? then, RetryPolicy? retry, SourceSpan at)
    {
        if (value is not YamlMappingNode)
        {
            Error(value, IsNull(value) ? WorkflowErrorCodes.MissingKey : WorkflowErrorCodes.WrongType,
                $"'set' is a mapping of variables to expressions (set: {{ stalls: vars.stalls + 1 }}), not {Describe(value)}");
            return null;
        }
        var values = ExpressionMap(value, "set", "variable");
        return id is not null ? new SetStep(id, values, then, retry, at) : null;
    }

    private PublishStep? ReadPublish(string? id, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlNode value, string? then, RetryPolicy? retry, SourceSpan at)
    {
        var eventName = ActivityText(value, "publish", "the event to publish (e.g. CommitmentStalled)");
        var data = keys.TryGetValue("data", out var dataEntry)
            ? ExpressionMap(dataEntry.Value, "data", "field")
            : new Dictionary<string, Expression>(StringComparer.Ordinal);
        return eventName is not null && id is not null ? new PublishStep(id, eventName, data, then, retry, at) : null;
    }

    private NotifyStep? ReadNotify(
        string? id, YamlMappingNode mapping, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlNode value,
        string? then, RetryPolicy? retry, SourceSpan at)
    {
        var to = ActivityText(value, "notify", "whom to notify (owners, tenant-coordinator, network-coordinator or a tenant id)");
        var message = RequiredExpr(mapping, keys, "message", "a 'notify' step");
        string? contacts = null;
        if (keys.TryGetValue("contacts", out var contactsEntry))
        {
            contacts = Text(contactsEntry.Value, "contacts (a contact role, e.g. focal point)")?.Trim();
            if (contacts is { Length: 0 })
            {
                Error(contactsEntry.Value, WorkflowErrorCodes.InvalidValue, "contacts names a contact role (e.g. focal point); it is empty");
                contacts = null;
            }
        }
        return to is not null && message is not null && id is not null ? new NotifyStep(id, to, message, then, retry, at, contacts) : null;
    }

    private EscalateStep? ReadEscalate(
        string? id, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlNode value,
        string? then, RetryPolicy? retry, SourceSpan at, List<(string, SourceSpan)> spans)
    {
        var to = ActivityText(value, "escalate", "whom to escalate to (owners, tenant-coordinator, network-coordinator or a tenant id)");
        var level = 1;
        var levelValid = true;
        if (keys.TryGetValue("level", out var levelEntry))
        {
            spans.Add(("level", Span(levelEntry.Value)));
            switch (Integer(levelEntry.Value, "level"))
            {
                case { } n and >= 1:
                    level = n;
                    break;
                case { } n:
                    Error(levelEntry.Value, WorkflowErrorCodes.InvalidValue, $"level is the rung of the ladder, 1 or more, not {n}");
                    levelValid = false;
                    break;
                default:
                    levelValid = false;
                    break;
            }
        }
        var message = keys.TryGetValue("message", out var messageEntry) ? Expr(messageEntry.Value, "message") : null;
        return to is not null && levelValid && id is not null ? new EscalateStep(id, to, level, message, then, retry, at) : null;
    }

    private TaskStep? ReadTask(
        string? id, YamlMappingNode mapping, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlNode value,
        string? then, RetryPolicy? retry, SourceSpan at)
    {
        var to = ActivityText(value, "task", "whom the task is for (owners, tenant-coordinator, network-coordinator or a tenant id)");
        var title = RequiredExpr(mapping, keys, "title", "a 'task' step");
        var due = keys.TryGetValue("due", out var dueEntry) ? Expr(dueEntry.Value, "due (a moment)") : null;
        var result = keys.TryGetValue("result", out var resultEntry) ? Text(resultEntry.Value, "result (a variable name)") : null;
        return to is not null && title is not null && id is not null ? new TaskStep(id, to, title, due, result, then, retry, at) : null;
    }

    private CallStep? ReadCall(string? id, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlNode value, string? then, RetryPolicy? retry, SourceSpan at)
    {
        var workflow = ActivityText(value, "call", "the id of the workflow to call");
        var inputs = keys.TryGetValue("inputs", out var inputsEntry)
            ? ExpressionMap(inputsEntry.Value, "inputs", "input")
            : new Dictionary<string, Expression>(StringComparer.Ordinal);
        var result = keys.TryGetValue("result", out var resultEntry) ? Text(resultEntry.Value, "result (a variable name)") : null;
        return workflow is not null && id is not null ? new CallStep(id, workflow, inputs, result, then, retry, at) : null;
    }

    private LoopStep? ReadLoop(
        string? id, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlNode value,
        string? then, RetryPolicy? retry, SourceSpan at, List<(string, SourceSpan)> spans)
    {
        var body = ActivityText(value, "loop", "the id of the step to run again");
        if (body is not null)
        {
            spans.Add(("loop", Span(value)));
        }
        var condition = keys.TryGetValue("while", out var whileEntry) ? Expr(whileEntry.Value, "while") : null;
        int? max = null;
        var maxValid = true;
        if (keys.TryGetValue("max", out var maxEntry))
        {
            spans.Add(("max", Span(maxEntry.Value)));
            max = Integer(maxEntry.Value, "max");
            maxValid = max is not null;
        }
        return body is not null && maxValid && id is not null ? new LoopStep(id, body, condition, max, then, retry, at) : null;
    }

    private EndStep? ReadEnd(string? id, YamlNode value, SourceSpan at)
    {
        if (!IsNull(value))
        {
            Error(value, WorkflowErrorCodes.InvalidValue, $"'end' takes no value (write 'end:' alone), not {Describe(value)}");
            return null;
        }
        return id is not null ? new EndStep(id, at) : null;
    }

    private FailStep? ReadFail(string? id, YamlNode value, SourceSpan at)
    {
        var reason = Expr(value, "fail (the reason, an expression)");
        if (reason is null && value is YamlScalarNode)
        {
            Error(value, WorkflowErrorCodes.MissingKey, "'fail' needs a reason (an expression, e.g. \"'no owner answered'\")");
        }
        return reason is not null && id is not null ? new FailStep(id, reason, at) : null;
    }

    /// <summary>The text an activity keyword carries (an event name, a role, a step or workflow id).</summary>
    private string? ActivityText(YamlNode value, string activity, string what)
    {
        if (IsNull(value))
        {
            Error(value, WorkflowErrorCodes.MissingKey, $"'{activity}' needs a value: {what}");
            return null;
        }
        return Text(value, $"'{activity}' ({what})");
    }

    private void Unbuilt(string? id)
    {
        if (id is not null)
        {
            _map.RecordUnbuilt(id);
        }
    }
}
