namespace Network.Domain.Storage;

/// <summary>Reading a stretch of a log a page at a time: the one loop the grains that keep logs share.</summary>
public static class StateLogReading
{
    /// <summary>Rows asked for per query.</summary>
    public const int PageSize = 500;

    /// <summary>
    /// The owner's rows of <paramref name="log"/> numbered after <paramref name="afterSeq"/> and up to
    /// <paramref name="throughSeq"/> (the count the grain's state says is stored), in order, at most <paramref name="limit"/>.
    /// </summary>
    public static async Task<IReadOnlyList<LogRow>> ReadRangeAsync(
        this IStateLogReader logs, string log, string owner, long afterSeq, long throughSeq, int limit = int.MaxValue,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var rows = new List<LogRow>();
        var after = Math.Max(0, afterSeq);
        while (after < throughSeq && rows.Count < limit)
        {
            var page = await logs.ReadAsync(log, owner, after, Math.Min(PageSize, limit - rows.Count), cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }
            rows.AddRange(page.Where(row => row.Seq <= throughSeq));
            after = page[^1].Seq;
        }
        return rows;
    }
}
