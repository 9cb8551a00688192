namespace Network.Domain.Storage;

/// <summary>
/// The ids of what an outbox has sent, kept as members of a keyed set beside its state rather than inside it. A list
/// inside the state made every write rewrite all of it (an outbox remembered its last 2,000 or 5,000 ids: hundreds
/// of KB per confirmed send). An outbox's state holds one of these (not stored), adds an id once its send is
/// confirmed, and the next write adds the rows; ids an earlier version kept in the state's own list move with them.
/// </summary>
/// <param name="set">The keyed set (one of <see cref="StateKeySets.All"/>).</param>
public sealed class SentIdRows(string set)
{
    private readonly string _set = StateKeySets.Checked(set);
    private readonly List<KeyRow> _pending = [];

    /// <summary>The members the next write adds.</summary>
    public IReadOnlyList<KeyRow> Pending => _pending;

    /// <summary>Remembers <paramref name="ids"/> as sent, with the ids <paramref name="legacy"/> still holds (which it then forgets).</summary>
    public void Add(string owner, IEnumerable<string> ids, List<string> legacy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(legacy);
        _pending.AddRange(legacy.Concat(ids).Select(id => new KeyRow(_set, owner, id, at)));
        legacy.Clear();
    }

    /// <summary>The write that held <see cref="Pending"/> committed.</summary>
    public void Stored() => _pending.Clear();

    /// <summary>Whether <paramref name="id"/> was sent: still in <paramref name="legacy"/>, about to be written, or in the set.</summary>
    public async Task<bool> WasSentAsync(IStateLogReader logs, string owner, string id, IReadOnlyCollection<string> legacy)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(legacy);
        return legacy.Contains(id, StringComparer.Ordinal)
            || _pending.Exists(row => row.Key == id)
            || await logs.ContainsAsync(_set, owner, id);
    }
}
