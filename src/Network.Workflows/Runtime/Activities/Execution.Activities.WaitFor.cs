using System.Text.Json.Nodes;
using Network.Workflows.Definitions;
using Network.Workflows.Expressions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>wait-for</c>: takes the oldest kept event it matches at once; else waits (with a due moment under a timeout).
    /// A <c>where</c> that throws on a kept event rejects that event (an <c>event-rejected</c> line), it does not fail the
    /// step. The timeout's duration is evaluated before the path starts waiting, and the correlation swallows its own
    /// failures, so a duration that throws leaves the path as it was.
    /// </summary>
    private ActivityResult WaitFor(PathToken path, WaitForStep step)
    {
        var inputs = step.Where is null ? step.Event : $"{step.Event} where {step.Where.Source}";
        // An event kept from before this wait existed is taken first, oldest first.
        foreach (var pending in _state.PendingEvents.ToList())
        {
            if (pending.KeepUntil > _now && string.Equals(pending.Name, step.Event, StringComparison.Ordinal) &&
                Matches(path, step, pending.Name, pending.Data))
            {
                _state.PendingEvents.Remove(pending);
                Take(path, step, pending.Name, pending.Data, $"kept since {Format(pending.ReceivedAt)}");
                return new(inputs, $"took {step.Event} kept since {Format(pending.ReceivedAt)}");
            }
        }
        var due = step.Timeout is null ? (DateTimeOffset?)null : Eval.Duration(step.Timeout.After, Scope(path)).AddTo(_now);
        var correlation = Correlate(path, step);
        if (due is { } d && d <= _now)
        {
            Journal(new(JournalKinds.TimedOut, step, path)
            {
                Why = "the timeout is already over",
                Outcome = $"→ {step.Timeout!.Then}",
                Inputs = $"after {step.Timeout.After}",
            });
            Goto(path, step.Timeout.Then, $"timeout of '{step.Id}' ({step.Timeout.After}) already over");
            return new(inputs, $"timed out at once → {step.Timeout.Then}");
        }
        path.Status = PathStatus.Waiting;
        path.Wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Event, Since = _now, DueAt = due, Event = step.Event, Correlation = correlation };
        var outcome = $"for {step.Event}" +
            (correlation.Count == 0 ? "" : " with " + string.Join(", ", correlation.Select(c => $"{c.Key}={c.Value}"))) +
            (due is null ? "" : $" until {Format(due.Value)}, then {step.Timeout!.Then}");
        Journal(new(JournalKinds.Waiting, step, path) { Why = "wait-for", Outcome = outcome, Inputs = inputs });
        return new(inputs, "waiting " + outcome);
    }

    private bool Matches(PathToken path, WaitForStep step, string name, JsonNode? data)
    {
        if (step.Where is null)
        {
            return true;
        }
        try
        {
            return Eval.IsTrue(step.Where, Scope(path, data ?? new JsonObject()));
        }
        catch (ExpressionException x)
        {
            Journal(new(JournalKinds.EventRejected, step, path)
            {
                Why = "its where failed on the event",
                Outcome = x.Message,
                Inputs = Summary(name, data),
            });
            return false;
        }
    }

    private void Take(PathToken path, WaitForStep step, string name, JsonNode? data, string how)
    {
        path.Event = data?.DeepClone();
        if (step.ResultVariable is { } variable)
        {
            _state.Variables[variable] = data?.DeepClone();
        }
        Journal(new(JournalKinds.EventReceived, step, path) { Why = $"{name} {how}", Outcome = "went on", Inputs = Summary(name, data) });
        Continue(path, step, $"'{step.Id}' received {name}");
    }

    private Dictionary<string, string> Correlate(PathToken path, WaitForStep step)
    {
        var correlation = new Dictionary<string, string>(StringComparer.Ordinal);
        if (step.Where is null)
        {
            return correlation;
        }
        foreach (var term in CorrelationReader.Read(step.Where.Source))
        {
            try
            {
                if (JsonValues.CorrelationKey(Eval.Evaluate(term.Expression, Scope(path) with { Event = null })) is { } key)
                {
                    correlation[term.Field] = key;
                }
            }
            catch (ExpressionException)
            {
                // Not indexable by this field; the where still decides.
            }
        }
        return correlation;
    }
}
