using System.Globalization;

namespace Network.Domain.Commitments;

/// <summary>
/// An export whose filters match more commitments than one file holds (<see cref="CommitmentService.MaxExportRows"/>);
/// nothing was read beyond the count. The API answers 422 saying how many matched and how to narrow the filters.
/// </summary>
public sealed class CommitmentExportTooLargeException(int matching, int max)
    : Exception(string.Create(CultureInfo.InvariantCulture,
        $"The filters match {matching:N0} commitments; one export holds at most {max:N0}. Narrow it with status, period, owner, dueBefore or session."))
{
    public int Matching { get; } = matching;

    public int Max { get; } = max;
}
