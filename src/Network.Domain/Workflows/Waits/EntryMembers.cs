using System.Globalization;
using Network.Domain.Storage;

namespace Network.Domain.Workflows;

/// <summary>
/// The instances waiting in any of a set of wait-index entries, read once per set for one pass over several events:
/// a commitment's events handed on together mostly look in the same entries (its id's), and one read answers them all.
/// </summary>
internal sealed class EntryMembers(IStateLogReader waits)
{
    private readonly Dictionary<string, IReadOnlyCollection<string>> _read = new(StringComparer.Ordinal);

    public async Task<IReadOnlyCollection<string>> OfAnyAsync(IReadOnlyList<string> entries)
    {
        // Each key prefixed by its length: event data can put any character in a value, a separator too.
        var set = string.Concat(entries.Select(entry => entry.Length.ToString(CultureInfo.InvariantCulture) + ":" + entry));
        if (!_read.TryGetValue(set, out var members))
        {
            _read[set] = members = await waits.MembersOfAnyAsync(StateKeySets.WaitingInstances, entries);
        }
        return members;
    }
}
