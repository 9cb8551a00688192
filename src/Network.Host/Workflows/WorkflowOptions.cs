namespace Network.Host.Workflows;

/// <summary>The "Workflows" configuration section.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflows";

    /// <summary>The folder of definition files; defaults to the <c>workflows</c> folder shipped beside the host.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "workflows");
}
