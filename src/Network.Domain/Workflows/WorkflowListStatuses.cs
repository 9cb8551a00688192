using Network.Workflows.Runtime;

namespace Network.Domain.Workflows;

/// <summary>
/// The statuses of instances and tasks as the read model stores them and the API shows and filters them: the
/// runtime's own enum names in lower case, derived here so a status added to the runtime cannot be missed.
/// </summary>
public static class WorkflowListStatuses
{
    /// <summary>running, waiting, incident, completed, failed, cancelled.</summary>
    public static IReadOnlyList<string> Instance { get; } = Names<WorkflowStatus>();

    /// <summary>open, completed, cancelled.</summary>
    public static IReadOnlyList<string> Task { get; } = Names<HumanTaskStatus>();

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static List<string> Names<TEnum>() where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(Of).ToList();
}
