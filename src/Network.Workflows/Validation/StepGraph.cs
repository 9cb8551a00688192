using Network.Workflows.Definitions;
using Network.Workflows.Loading;

namespace Network.Workflows.Validation;

/// <summary>
/// Where each step can go, with the source-map key of each target's value (so an error points at the very
/// <c>then</c>, branch or case), and whether the step goes on to the next step in the file.
/// </summary>
internal static class StepGraph
{
    /// <summary>Every transition a step names: the same targets as <see cref="StepDefinition.Transitions"/>, with their keys.</summary>
    public static IEnumerable<(string Target, string Key, SourceSpan Fallback)> Targets(StepDefinition step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Then is not null)
        {
            yield return (step.Then, "then", step.At);
        }
        switch (step)
        {
            case SequenceStep sequence:
                for (var i = 0; i < sequence.Steps.Count; i++)
                {
                    yield return (sequence.Steps[i], $"do[{i}]", step.At);
                }
                break;
            case IfStep branch:
                // In YAML, an if's 'then' is its true branch (the model's IfTrue).
                yield return (branch.IfTrue, "then", step.At);
                if (branch.IfFalse is not null)
                {
                    yield return (branch.IfFalse, "else", step.At);
                }
                break;
            case SwitchStep choice:
                for (var i = 0; i < choice.Cases.Count; i++)
                {
                    yield return (choice.Cases[i].Then, $"switch[{i}].then", choice.Cases[i].When.At);
                }
                if (choice.Default is not null)
                {
                    yield return (choice.Default, "default", step.At);
                }
                break;
            case ParallelStep parallel:
                for (var i = 0; i < parallel.Branches.Count; i++)
                {
                    yield return (parallel.Branches[i], $"parallel[{i}]", step.At);
                }
                break;
            case WaitForStep { Timeout: { } timeout }:
                yield return (timeout.Then, "timeout.then", timeout.At);
                break;
            case LoopStep loop:
                yield return (loop.Body, "loop", step.At);
                break;
        }
    }

    /// <summary>
    /// True when the step can go on to the next step in the file: it has no <c>then</c>, does not end the path, and
    /// does not already name where every outcome goes (an <c>if</c> with <c>else</c>, a <c>switch</c> with <c>default</c>).
    /// </summary>
    public static bool FallsThrough(StepDefinition step) => step switch
    {
        EndStep or FailStep => false,
        IfStep { IfFalse: not null } => false,
        SwitchStep { Default: not null } => false,
        _ => step.Then is null,
    };

    /// <summary>
    /// The positions (in file order) of the steps a path from the first step can reach. Positions, not ids: with a
    /// duplicate id (reported on its own), the step after the duplicate is still reached by going on.
    /// </summary>
    public static HashSet<int> Reachable(IReadOnlyList<StepDefinition> steps)
    {
        var reached = new HashSet<int>();
        if (steps.Count == 0)
        {
            return reached;
        }
        var indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            indexById.TryAdd(steps[i].Id, i);
        }
        var pending = new Stack<int>();
        pending.Push(0);
        reached.Add(0);
        while (pending.Count > 0)
        {
            var index = pending.Pop();
            var step = steps[index];
            var next = Targets(step)
                .Select(t => indexById.TryGetValue(t.Target, out var targetIndex) && t.Target != WorkflowFormat.EndTarget ? targetIndex : -1)
                .ToList();
            if (FallsThrough(step) && index + 1 < steps.Count)
            {
                next.Add(index + 1);
            }
            foreach (var target in next.Where(t => t >= 0 && reached.Add(t)))
            {
                pending.Push(target);
            }
        }
        return reached;
    }
}
