using Network.Contracts.Commitments;

namespace Network.Domain.Commitments.ProgressImport;

/// <summary>
/// A progress file with at least one bad cell: nothing was saved. <see cref="Result"/> has every row, the bad ones
/// with each problem's row and column; the API answers 422 listing them.
/// </summary>
public sealed class ProgressImportRefusedException(ProgressImportResultResource result)
    : Exception($"{result?.Refused} row(s) of the file have problems; nothing was saved.")
{
    public ProgressImportResultResource Result { get; } = result ?? throw new ArgumentNullException(nameof(result));
}
