using System.Globalization;

namespace Network.Domain.Workflows;

/// <summary>
/// The distinct sets of wait-index entries some events look in, each read once for all of them: a commitment's
/// events handed on together mostly look in the same entries (its id's).
/// </summary>
internal sealed class EntrySets
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyCollection<string>> _sets = [];

    /// <summary>The sets to read, in the order they were first asked for.</summary>
    public IReadOnlyList<IReadOnlyCollection<string>> ToRead => _sets;

    /// <summary>The position of <paramref name="entries"/> among <see cref="ToRead"/>, added there if new.</summary>
    public int IndexOf(IReadOnlyList<string> entries)
    {
        // Each key prefixed by its length: event data can put any character in a value, a separator too.
        var set = string.Concat(entries.Select(entry => entry.Length.ToString(CultureInfo.InvariantCulture) + ":" + entry));
        if (!_index.TryGetValue(set, out var index))
        {
            _index[set] = index = _sets.Count;
            _sets.Add(entries);
        }
        return index;
    }
}
