namespace Network.Workflows.Definitions;

/// <summary>The definitions a host offers: the newest version of each, by id.</summary>
public interface IWorkflowDefinitions
{
    IReadOnlyList<WorkflowDefinition> All { get; }

    WorkflowDefinition? Find(string id);
}
