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
        Journal(JournalKinds.StepStarted, step, path, why, "failed: " + error, null);
        if (step?.Retry is { } policy && attempts < policy.Attempts)
        {
            var factor = Math.Pow(policy.Backoff <= 0 ? 1 : policy.Backoff, attempts - 1);
            var ticks = Math.Min(policy.FirstDelay.Ticks * factor, TimeSpan.FromDays(365).Ticks);
            var due = _now + TimeSpan.FromTicks((long)Math.Max(0, ticks));
            path.Status = PathStatus.Waiting;
            path.Wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Retry, Since = _now, DueAt = due };
            path.Why = $"attempt {attempts + 1} of {policy.Attempts} (after: {Shorten(error)})";
            Journal(JournalKinds.RetryScheduled, step, path, "the step failed", $"attempt {attempts + 1} of {policy.Attempts} at {Format(due)}", error);
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
        Journal(JournalKinds.Incident, step, path, $"failed {incident.Attempts} time(s)", $"incident {incident.Id}: retry, skip or cancel", error);
    }

    private Incident? OpenIncident(string? id) => _state.Incidents.FirstOrDefault(i =>
        i.Resolution is null && (id is null || string.Equals(i.Id, id, StringComparison.Ordinal)));

    private void Resolve(Incident incident, string resolution)
    {
        incident.Resolution = resolution;
        incident.ResolvedAt = _now;
        Journal(JournalKinds.IncidentResolved, _definition.Step(incident.StepId), FindPath(incident.PathId), $"operator {resolution} incident {incident.Id}", resolution, incident.Error);
    }
}
