using Cronos;
using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>timer</c>: waits until <c>after</c>, <c>until</c> or the next <c>cron</c> occurrence; a moment already past goes on.
    /// The due moment (the expression, or the cron and its next occurrence) is worked out before the path changes;
    /// an expression that throws or a cron that is invalid or has no next occurrence leaves the path where it was.
    /// </summary>
    private ActivityResult StartTimer(PathToken path, TimerStep step)
    {
        string inputs;
        DateTimeOffset due;
        if (step.After is not null)
        {
            inputs = $"after {step.After.Source}";
            due = Eval.Duration(step.After, Scope(path)).AddTo(_now);
        }
        else if (step.Until is not null)
        {
            inputs = $"until {step.Until.Source}";
            due = Eval.Moment(step.Until, Scope(path));
        }
        else if (step.Cron is not null)
        {
            inputs = $"cron {step.Cron}";
            due = NextOccurrence(step.Cron) ?? throw new StepFailureException($"the cron '{step.Cron}' has no next occurrence");
        }
        else
        {
            throw new StepFailureException($"timer '{step.Id}' has none of after, until and cron");
        }
        if (due <= _now)
        {
            Journal(new(JournalKinds.TimerFired, step, path)
            {
                Why = $"due {Format(due)}, already past",
                Outcome = "went on",
                Inputs = inputs,
            });
            Continue(path, step, $"timer '{step.Id}' was already due");
            return new(inputs, $"already due ({Format(due)})");
        }
        path.Status = PathStatus.Waiting;
        path.Wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Timer, Since = _now, DueAt = due };
        Journal(new(JournalKinds.Waiting, step, path) { Why = "timer", Outcome = $"until {Format(due)}", Inputs = inputs });
        return new(inputs, $"waiting until {Format(due)}");
    }

    private DateTimeOffset? NextOccurrence(string cron)
    {
        try
        {
            return CronExpression.Parse(cron, CronFormat.Standard).GetNextOccurrence(_now, TimeZoneInfo.Utc);
        }
        catch (CronFormatException e)
        {
            throw new StepFailureException($"the cron '{cron}' is not valid: {e.Message}");
        }
    }
}
