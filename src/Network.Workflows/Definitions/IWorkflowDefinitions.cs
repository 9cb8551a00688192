namespace Network.Workflows.Definitions;

/// <summary>
/// The definitions a host ships with (the network's standard library, from <c>workflows/</c>): the base every tenant
/// starts from, before any definition a tenant publishes itself.
/// </summary>
public interface IWorkflowDefinitions
{
    /// <summary>The newest version of each definition, by id.</summary>
    IReadOnlyList<WorkflowDefinition> All { get; }

    /// <summary>The newest version of <paramref name="id"/>.</summary>
    WorkflowDefinition? Find(string id);

    /// <summary>One version of <paramref name="id"/>; running instances stay on theirs.</summary>
    WorkflowDefinition? Find(string id, int version) => Find(id) is { } newest && newest.Version == version ? newest : null;

    /// <summary>The YAML text of one version, when the library has it.</summary>
    string? SourceOf(string id, int version) => null;
}
