using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime.Migration;

/// <summary>
/// Where each step of the instance's version goes in the target version: the caller's entry when there is one, else
/// the step of the same id, else nowhere (an error). Remembers what it mapped, for the journal.
/// </summary>
internal sealed class StepMap
{
    private readonly WorkflowDefinition _to;
    private readonly IReadOnlyDictionary<string, string> _entries;
    private readonly List<MigrationError> _errors;
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public StepMap(WorkflowDefinition from, WorkflowDefinition to, IReadOnlyDictionary<string, string> entries, List<MigrationError> errors)
    {
        _to = to;
        _entries = entries;
        _errors = errors;
        // Every entry is checked, used or not: a typo in a source would otherwise pass silently while the step it
        // meant fell back to its own id.
        foreach (var (source, target) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (from.Step(source) is null)
            {
                errors.Add(new MigrationError(MigrationErrorCodes.UnknownSource, source,
                    $"the mapping names step '{source}', which v{from.Version} of {from.Id} does not have"));
            }
            if (to.Step(target) is null)
            {
                errors.Add(new MigrationError(MigrationErrorCodes.UnknownTarget, source,
                    $"the mapping sends step '{source}' to '{target}', which v{to.Version} of {to.Id} does not have"));
            }
        }
    }

    /// <summary>Each step mapped so far and where it went, by source id.</summary>
    public SortedDictionary<string, string> Used { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The step of the target version that takes over <paramref name="stepId"/>, or null (with an error, once per
    /// step) when there is none. <paramref name="reference"/> says where the instance refers to the step, for the message.
    /// </summary>
    public StepDefinition? Map(string stepId, string reference)
    {
        if (_entries.TryGetValue(stepId, out var target))
        {
            // An unknown target was reported with the entries; the step is not reported again as unmapped.
            return Use(stepId, _to.Step(target));
        }
        if (_to.Step(stepId) is { } same)
        {
            return Use(stepId, same);
        }
        if (_reported.Add(stepId))
        {
            _errors.Add(new MigrationError(MigrationErrorCodes.UnmappedStep, stepId,
                $"step '{stepId}' ({reference}) has no mapping, and v{_to.Version} of {_to.Id} has no step '{stepId}'"));
        }
        return null;
    }

    private StepDefinition? Use(string source, StepDefinition? target)
    {
        if (target is not null)
        {
            Used[source] = target.Id;
        }
        return target;
    }
}
