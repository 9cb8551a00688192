using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

// Failures: a step that threw is retried under its policy or parks its path on an incident; an operator resolves the
// incident (the RetryIncident and SkipIncident stimuli).
internal sealed partial class Execution
{
    private void Fail(PathToken path, StepDefinition? step, string? why, string error)
    {
        path.Failures++;
        var attempts = path.Failures;
        Journal(new(JournalKinds.StepStarted, step, path) { Why = why, Outcome = "failed: " + error });
        if (step?.Retry is { } policy && attempts < policy.Attempts)
        {
            var factor = Math.Pow(policy.Backoff <= 0 ? 1 : policy.Backoff, attempts - 1);
            var ticks = Math.Min(policy.FirstDelay.Ticks * factor, TimeSpan.FromDays(365).Ticks);
            var due = _now + TimeSpan.FromTicks((long)Math.Max(0, ticks));
            path.Status = PathStatus.Waiting;
            path.Wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Retry, Since = _now, DueAt = due };
            path.Why = $"attempt {attempts + 1} of {policy.Attempts} (after: {Shorten(error)})";
            Journal(new(JournalKinds.RetryScheduled, step, path)
            {
                Why = "the step failed",
                Outcome = $"attempt {attempts + 1} of {policy.Attempts} at {Format(due)}",
                Inputs = error,
            });
        }
        else
        {
            RaiseIncident(path, step, error);
        }
    }

    private void RaiseIncident(PathToken path, StepDefinition? step, string error)
    {
        path.Status = PathStatus.Incident;
        path.Wait = null;
        var incident = new Incident
        {
            Id = NewId("i"),
            PathId = path.Id,
            StepId = path.StepId,
            Activity = step?.Activity ?? "",
            Error = error,
            Attempts = Math.Max(1, path.Failures),
            OpenedAt = _now,
        };
        _state.Incidents.Add(incident);
        Journal(new(JournalKinds.Incident, step, path)
        {
            Why = $"failed {incident.Attempts} time(s)",
            Outcome = $"incident {incident.Id}: retry, skip or cancel",
            Inputs = error,
        });
    }

    private Incident? OpenIncident(string? id) => _state.Incidents.FirstOrDefault(i =>
        i.Resolution is null && (id is null || string.Equals(i.Id, id, StringComparison.Ordinal)));

    private void Resolve(Incident incident, string resolution)
    {
        incident.Resolution = resolution;
        incident.ResolvedAt = _now;
        Journal(new(JournalKinds.IncidentResolved, _definition.Step(incident.StepId), FindPath(incident.PathId))
        {
            Why = $"operator {resolution} incident {incident.Id}",
            Outcome = resolution,
            Inputs = incident.Error,
        });
    }
}
