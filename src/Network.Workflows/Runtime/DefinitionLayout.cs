using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

/// <summary>What the interpreter needs to know of a definition's layout, computed once per definition.</summary>
internal sealed class DefinitionLayout
{
    public DefinitionLayout(WorkflowDefinition definition)
    {
        Steps = definition.Steps;
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            Positions.TryAdd(definition.Steps[i].Id, i);
            switch (definition.Steps[i])
            {
                case SequenceStep sequence:
                    BodyRoots.UnionWith(sequence.Steps);
                    break;
                case ParallelStep parallel:
                    BodyRoots.UnionWith(parallel.Branches);
                    break;
                case LoopStep loop:
                    BodyRoots.Add(loop.Body);
                    break;
            }
        }
    }

    public IReadOnlyList<StepDefinition> Steps { get; }

    public Dictionary<string, int> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>The steps a <c>do</c>, <c>parallel</c> or <c>loop</c> names as where a body begins.</summary>
    public HashSet<string> BodyRoots { get; } = new(StringComparer.Ordinal);

    /// <summary>The id of the step after <paramref name="stepId"/> in the file; null after the last.</summary>
    public string? After(string stepId) =>
        Positions.TryGetValue(stepId, out var position) && position + 1 < Steps.Count ? Steps[position + 1].Id : null;
}
