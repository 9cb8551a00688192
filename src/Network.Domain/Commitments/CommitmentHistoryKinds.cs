namespace Network.Domain.Commitments;

/// <summary>What a history entry records (<see cref="CommitmentHistoryEntry.Kind"/>), as stored and as the API shows it.</summary>
public static class CommitmentHistoryKinds
{
    /// <summary>The commitment was recorded from a session's report.</summary>
    public const string Imported = "imported";

    /// <summary>An owner or a coordinator reported progress: the commitment's sign of life.</summary>
    public const string Progress = "progress";

    /// <summary>A coordinator changed the owners.</summary>
    public const string Owners = "owners";

    /// <summary>A tenant said it wants to take part.</summary>
    public const string Interest = "interest";
}
