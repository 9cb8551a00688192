using Network.Domain.Storage;
using Network.Workflows.Runtime;

namespace Network.Domain.Workflows;

/// <summary>
/// How an instance's journal lines sit in the journal table (<see cref="StateLogs.WorkflowJournal"/>): the lines one
/// write appends share a row (up to <see cref="MaxLinesPerRow"/>), numbered by its last line's seq, holding them as a
/// JSON array (<see cref="WorkflowStateJson.SerializeJournalLines"/>). A step writes three lines or so; one row instead
/// of three is two inserts and two index entries fewer per write. Rows written before hold one line each, as a JSON
/// object, and read back the same.
/// </summary>
/// <remarks>
/// A row's seq is its last line's, so the rows numbered after a line (<see cref="IStateLogReader.ReadAsync"/>) are
/// every row holding a later line: only the first of them can also hold earlier ones, which the reading leaves out.
/// </remarks>
public static class JournalRows
{
    /// <summary>
    /// Most lines in one row: a write's lines mostly number a handful, but the first write of a state stored before the
    /// table moves its whole journal, which a page read should not have to parse in one piece.
    /// </summary>
    public const int MaxLinesPerRow = 50;

    /// <summary>The rows a write appends for <paramref name="lines"/> (in order): none when there are none.</summary>
    public static IEnumerable<LogRow> For(string instanceKey, IReadOnlyList<JournalEntry> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        for (var first = 0; first < lines.Count; first += MaxLinesPerRow)
        {
            var rowLines = lines.Count <= MaxLinesPerRow ? lines : lines.Skip(first).Take(MaxLinesPerRow).ToList();
            yield return new LogRow(StateLogs.WorkflowJournal, instanceKey, rowLines[^1].Seq, rowLines[^1].At,
                WorkflowStateJson.SerializeJournalLines(rowLines));
        }
    }

    /// <summary>
    /// The owner's stored lines numbered after <paramref name="afterSeq"/> and up to <paramref name="throughSeq"/> (the
    /// count its state says is stored), in order, at most <paramref name="limit"/>.
    /// </summary>
    public static async Task<List<JournalEntry>> ReadAsync(IStateLogReader logs, string instanceKey, long afterSeq, long throughSeq, int limit)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var lines = new List<JournalEntry>();
        var after = Math.Max(0, afterSeq);
        while (after < throughSeq && lines.Count < limit)
        {
            // A row holds a few lines: a quarter as many rows as lines still wanted, then more if that was not enough.
            var rows = Math.Clamp((limit - lines.Count) / 4, 1, StateLogReading.PageSize);
            var page = await logs.ReadAsync(StateLogs.WorkflowJournal, instanceKey, after, rows).ConfigureAwait(false);
            foreach (var row in page)
            {
                foreach (var line in WorkflowStateJson.DeserializeJournalLines(row.EntryJson))
                {
                    if (line.Seq > after && line.Seq <= throughSeq && lines.Count < limit)
                    {
                        lines.Add(line);
                    }
                }
            }
            if (page.Count < rows)
            {
                break;
            }
            after = page[^1].Seq;
        }
        return lines;
    }
}
