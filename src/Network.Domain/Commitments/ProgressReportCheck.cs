namespace Network.Domain.Commitments;

/// <summary>What a progress report on one commitment would meet (<see cref="CommitmentService.CheckProgressReportAsync"/>).</summary>
/// <param name="MayReport">Whether the caller may report progress on it; when not, it is "not found" to the caller.</param>
/// <param name="CurrentStatus">The commitment's status now (from the list, which each change updates before it returns).</param>
/// <param name="AlreadyApplied">Whether a report with the message id asked about was applied before.</param>
public sealed record ProgressReportCheck(bool MayReport, string CurrentStatus, bool AlreadyApplied);
