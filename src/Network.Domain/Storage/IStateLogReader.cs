namespace Network.Domain.Storage;

/// <summary>Reads the append-only logs grains write beside their state, a page at a time.</summary>
public interface IStateLogReader
{
    /// <summary>The owner's rows of <paramref name="log"/> with a sequence number above <paramref name="afterSeq"/>, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<LogRow>> ReadAsync(string log, string owner, long afterSeq, int limit, CancellationToken cancellationToken = default);
}
