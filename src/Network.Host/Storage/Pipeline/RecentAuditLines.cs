namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The ids of audit lines this process stored lately. A change's line goes with the first state its call writes; the
/// call's later writes (the instance its event resumes, the wait index) would carry the same line to the table only to
/// have it ignored there. Remembering the ids spares them the serialisation and the insert. The table's unique id stays
/// the guarantee: an id is remembered only after its unit committed, and another silo that does not know it just
/// inserts and is ignored.
/// </summary>
internal sealed class RecentAuditLines
{
    private const int Capacity = 4096;

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    public bool Contains(string id)
    {
        lock (_lock)
        {
            return _ids.Contains(id);
        }
    }

    public void Add(string id)
    {
        lock (_lock)
        {
            if (!_ids.Add(id))
            {
                return;
            }
            _order.Enqueue(id);
            if (_order.Count > Capacity)
            {
                _ids.Remove(_order.Dequeue());
            }
        }
    }
}
