using Network.Domain.Storage;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// A log row with no grain state: <see cref="IStateLogWriter.AppendOnceAsync"/>'s entry, added once per id and
/// numbered by the writer after the owner's last row. It shares its batch's commit with the grains' units and fails
/// alone, as they do.
/// </summary>
internal sealed class LogAppendUnit : WriteUnit
{
    private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LogAppendUnit(OnceAppend append)
    {
        ArgumentNullException.ThrowIfNull(append);
        Append = append.Checked();
    }

    public OnceAppend Append { get; }

    /// <summary>Completes once the transaction committed: true when the entry was appended, false when its id was there.</summary>
    public Task<bool> Committed => _done.Task;

    public override bool IsAnswered => _done.Task.IsCompleted;

    public override string Describe => $"the {Append.Log} row {Append.Id} of {Append.Owner}";

    public void Commit(bool appended) => _done.TrySetResult(appended);

    public override void Fail(Exception exception) => _done.TrySetException(exception);
}
