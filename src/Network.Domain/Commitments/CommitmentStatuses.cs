namespace Network.Domain.Commitments;

/// <summary>
/// The status of a commitment: the levels commitment trackers already use (Open Government Partnership's review
/// mechanism: not started, limited, substantial, complete) plus stalled, blocked (on a dependency) and withdrawn.
/// </summary>
public static class CommitmentStatuses
{
    public const string NotStarted = "not-started";
    public const string Limited = "limited";
    public const string Substantial = "substantial";
    public const string Complete = "complete";
    public const string Stalled = "stalled";
    public const string Blocked = "blocked";
    public const string Withdrawn = "withdrawn";

    public static IReadOnlyList<string> All { get; } = [NotStarted, Limited, Substantial, Complete, Stalled, Blocked, Withdrawn];

    public static bool IsValid(string? status) => status is not null && All.Contains(status);

    public static string EnsureValid(string? status, string field) =>
        IsValid(status)
            ? status!
            : throw new Errors.DomainValidationException(field,
                $"'{status}' is not a commitment status: use one of {string.Join(", ", All)}.");
}
