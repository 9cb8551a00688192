namespace Network.Domain.Storage;

/// <summary>
/// What one call did to a grain's memory (<see cref="BatchedChanges"/>): its answer, whether it changed anything that
/// must be stored before the answer is given, and the id of the message it applies, claimed by that write.
/// </summary>
public readonly record struct ChangeOutcome<T>(T Result, bool Changed, string? Claim);

/// <summary>The two kinds of <see cref="ChangeOutcome{T}"/>.</summary>
public static class ChangeOutcome
{
    /// <summary>Nothing changed (a read, or a message applied before): answered once the changes before it are stored.</summary>
    public static ChangeOutcome<T> Unchanged<T>(T result) => new(result, false, null);

    /// <summary>Memory changed: answered once a write stored it, claiming <paramref name="claim"/> when there is one.</summary>
    public static ChangeOutcome<T> Stored<T>(T result, string? claim = null) => new(result, true, claim);
}
