namespace Network.Domain.Workflows;

/// <summary>
/// Which instances this silo saw open waits in which wait-index entries lately (once their writes committed), so a
/// dispatch can hand an event to them at once instead of first reading the entries' members from the database
/// (<see cref="WorkflowTriggers"/>). A hint, never the last word: the dispatch still reads the entries in its keep's
/// transaction, and any instance the hints missed (one that opened its wait on another silo, before this silo started,
/// or so long ago that its hint was dropped) takes the event from that read. An instance hinted that no longer waits
/// is given an event it does not take, which changes nothing.
/// </summary>
/// <remarks>
/// Bounded: at most <see cref="DefaultCapacity"/> entries in each of two generations (the newer is filled; when full it
/// becomes the older and the oldest is dropped), and <see cref="MaxMembersPerEntry"/> instances per entry: an entry
/// that had more (an event's uncorrelated waits, say) is marked crowded, and an event that may resume waits in it is
/// not hinted, its members being read, all of them, before it is handed on. So its memory stays the same however many
/// instances wait (under a megabyte), and the events that resume recently opened waits skip a read each.
/// </remarks>
public sealed class WaitMembersHints
{
    /// <summary>
    /// Entries per generation: the waits opened in the last second or so under load, which are the ones an event
    /// resumes while its instance is fresh. More would cost memory that grows with the instances waiting (at
    /// 8,192, a few hundred bytes each of the benchmark's 20,000 idle instances); an event whose hint was dropped
    /// reads the index, as before.
    /// </summary>
    public const int DefaultCapacity = 1_024;

    /// <summary>Instances hinted in one entry at most.</summary>
    public const int MaxMembersPerEntry = 16;

    /// <summary>The members of an entry that had too many to hint (compared by reference).</summary>
    private static readonly List<string> Crowded = [];

    private readonly int _capacity;
    private readonly Lock _lock = new();
    private Dictionary<string, List<string>> _newer = new(StringComparer.Ordinal);
    private Dictionary<string, List<string>> _older = new(StringComparer.Ordinal);

    public WaitMembersHints()
        : this(DefaultCapacity)
    {
    }

    public WaitMembersHints(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>After the instance's write committed: it now waits in <paramref name="opened"/> and no longer in <paramref name="ended"/>.</summary>
    public void Moved(string instanceKey, IReadOnlyList<string> opened, IReadOnlyList<string> ended)
    {
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(ended);
        if (opened.Count == 0 && ended.Count == 0)
        {
            return;
        }
        lock (_lock)
        {
            foreach (var entry in ended)
            {
                Remove(_newer, entry, instanceKey);
                Remove(_older, entry, instanceKey);
            }
            foreach (var entry in opened)
            {
                Add(entry, instanceKey);
            }
        }
    }

    /// <summary>The instances hinted in any of <paramref name="entries"/>, each once; null when none is, or one of the entries is crowded.</summary>
    public List<string>? InstancesIn(IReadOnlyCollection<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        List<string>? instances = null;
        lock (_lock)
        {
            foreach (var entry in entries)
            {
                foreach (var generation in (ReadOnlySpan<Dictionary<string, List<string>>>)[_newer, _older])
                {
                    if (!generation.TryGetValue(entry, out var members))
                    {
                        continue;
                    }
                    if (ReferenceEquals(members, Crowded))
                    {
                        return null;
                    }
                    foreach (var instance in members)
                    {
                        AddOnce(ref instances, instance);
                    }
                }
            }
        }
        return instances;

        static void AddOnce(ref List<string>? list, string value)
        {
            if (list is null || !list.Contains(value, StringComparer.Ordinal))
            {
                (list ??= []).Add(value);
            }
        }
    }

    private void Add(string entry, string instanceKey)
    {
        if (_older.Remove(entry, out var moving))
        {
            // Touched again: the entry moves to the newer generation, with its members.
            Put(entry, moving);
        }
        if (!_newer.TryGetValue(entry, out var members))
        {
            Put(entry, members = []);
        }
        if (ReferenceEquals(members, Crowded) || members.Contains(instanceKey, StringComparer.Ordinal))
        {
            return;
        }
        if (members.Count == MaxMembersPerEntry)
        {
            // Too many to hint usefully: the entry's members are read, all of them, until it ages out.
            _newer[entry] = Crowded;
            return;
        }
        members.Add(instanceKey);
    }

    private void Put(string entry, List<string> members)
    {
        if (_newer.Count == _capacity)
        {
            _older = _newer;
            _newer = new(StringComparer.Ordinal);
        }
        _newer[entry] = members;
    }

    private static void Remove(Dictionary<string, List<string>> generation, string entry, string instanceKey)
    {
        if (generation.TryGetValue(entry, out var members) && !ReferenceEquals(members, Crowded) && members.Remove(instanceKey) && members.Count == 0)
        {
            generation.Remove(entry);
        }
    }
}
