using Network.Workflows.Definitions;
using Network.Workflows.Expressions;

namespace Network.Workflows.Runtime.Migration;

/// <summary>
/// Moves a running instance to another version of its workflow, as a pure function like the interpreter's: the
/// instance keeps its position (each path's step, through a mapping of step ids), its variables, inputs, settings,
/// waits and journal, and goes on under the new version's steps from there. Runtime/README.md states the rules.
/// </summary>
public static class WorkflowMigration
{
    /// <summary>
    /// The instance <paramref name="state"/>, running <paramref name="from"/>, moved to <paramref name="to"/> at
    /// <paramref name="now"/>; or every reason it cannot be. <paramref name="state"/> is never changed.
    /// </summary>
    /// <param name="stepMapping">
    /// Where steps of <paramref name="from"/> go in <paramref name="to"/> (old id → new id). A step with no entry
    /// stays at its own id, which <paramref name="to"/> must then have.
    /// </param>
    /// <param name="options">The expression sandbox for the initial values of variables new in <paramref name="to"/>.</param>
    public static MigrationResult Migrate(
        WorkflowDefinition from,
        WorkflowDefinition to,
        WorkflowInstanceState state,
        IReadOnlyDictionary<string, string> stepMapping,
        DateTimeOffset now,
        WorkflowRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(stepMapping);
        var errors = CheckInstance(from, to, state);
        if (errors.Count > 0)
        {
            // The instance cannot move at all: what the mapping says would not matter.
            return MigrationResult.Failed(errors);
        }
        var next = state.Clone();
        var map = new StepMap(from, to, stepMapping, errors);
        new StepRemapper(from, map, errors).Remap(next);
        Adopt(to, next, now, options ?? WorkflowRunOptions.Default, errors);
        if (errors.Count > 0)
        {
            return MigrationResult.Failed(errors);
        }
        next.DefinitionVersion = to.Version;
        next.UpdatedAt = now;
        next.Journal.Add(new JournalEntry
        {
            Seq = next.NextJournalSeq,
            At = now,
            Kind = JournalKinds.Migrated,
            Why = $"migrated from v{from.Version} to v{to.Version}",
            Outcome = $"v{to.Version}",
            Inputs = map.Used.Count == 0 ? "no steps mapped" : "mapping " + string.Join(", ", map.Used.Select(m => $"{m.Key} → {m.Value}")),
        });
        return MigrationResult.Migrated(next);
    }

    private static List<MigrationError> CheckInstance(WorkflowDefinition from, WorkflowDefinition to, WorkflowInstanceState state)
    {
        var errors = new List<MigrationError>();
        var instance = $"instance {state.InstanceId} runs {state.DefinitionId} v{state.DefinitionVersion}";
        if (!string.Equals(from.Id, state.DefinitionId, StringComparison.Ordinal) || from.Version != state.DefinitionVersion)
        {
            errors.Add(new MigrationError(MigrationErrorCodes.WrongDefinition, null, $"{instance}, not {from.Id} v{from.Version}"));
        }
        if (!string.Equals(to.Id, state.DefinitionId, StringComparison.Ordinal))
        {
            errors.Add(new MigrationError(MigrationErrorCodes.WrongDefinition, null,
                $"{instance}; it can move to another version of {state.DefinitionId}, not to {to.Id}"));
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        if (to.Version == state.DefinitionVersion)
        {
            errors.Add(new MigrationError(MigrationErrorCodes.SameVersion, null, $"{instance} already; migrate it to another version"));
        }
        if (state.IsEnded)
        {
            errors.Add(new MigrationError(MigrationErrorCodes.InstanceEnded, null,
                $"instance {state.InstanceId} is {state.Status.ToString().ToLowerInvariant()}: nothing of it runs any more"));
        }
        return errors;
    }

    /// <summary>
    /// What the target version declares that the instance lacks, as <see cref="WorkflowInterpreter.Start"/> would
    /// have given it: settings at their default, inputs as null, variables at their initial value. What the instance
    /// has stays as it is: a tenant's override, a variable a step has set.
    /// </summary>
    private static void Adopt(WorkflowDefinition to, WorkflowInstanceState state, DateTimeOffset now, WorkflowRunOptions options, List<MigrationError> errors)
    {
        foreach (var (name, value) in to.Settings)
        {
            state.Settings.TryAdd(name, value);
        }
        foreach (var name in to.Inputs)
        {
            state.Inputs.TryAdd(name, null);
        }
        foreach (var (name, expression) in to.Variables)
        {
            if (state.Variables.ContainsKey(name))
            {
                continue;
            }
            try
            {
                // Like at the start: each initial value sees the ones before it, and no event.
                state.Variables[name] = options.Evaluator.Evaluate(expression, new ExpressionScope(state.Inputs, state.Variables, state.Settings, null, now));
            }
            catch (ExpressionException e)
            {
                errors.Add(new MigrationError(MigrationErrorCodes.InvalidVariable, null,
                    $"the initial value of variable '{name}', new in v{to.Version}, failed: {e.Message}"));
            }
        }
    }
}
