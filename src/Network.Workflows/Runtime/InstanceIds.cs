namespace Network.Workflows.Runtime;

/// <summary>
/// The ids Network gives the instances it starts: <c>{definition}--{subject}</c>. The subject is what the instance
/// follows (the commitment an event was about, a schedule's occurrence, or a random part for a start that named no id),
/// so starting the same definition for the same subject twice finds the instance already there, and a page or a task
/// can tell which commitment a lifecycle instance follows from its id alone. A call step's child adds its own
/// <c>--{call}</c> part (<see cref="ChildInstanceIds"/>).
/// </summary>
public static class InstanceIds
{
    public const string Separator = "--";

    public static string For(string definitionId, string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(definitionId);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return definitionId + Separator + subject;
    }

    /// <summary>The subject of an id made by <see cref="For"/> for this definition; null when the id is not one of its.</summary>
    public static string? SubjectOf(string definitionId, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(definitionId);
        ArgumentNullException.ThrowIfNull(instanceId);
        var prefixLength = definitionId.Length + Separator.Length;
        return instanceId.Length > prefixLength
               && instanceId.StartsWith(definitionId, StringComparison.Ordinal)
               && string.CompareOrdinal(instanceId, definitionId.Length, Separator, 0, Separator.Length) == 0
            ? instanceId[prefixLength..]
            : null;
    }
}
