namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The primary key of a grain's row in <c>orleans_grain_state</c>. It is computed exactly as Orleans 10.4.2's ADO.NET
/// grain storage computes it (its <c>AdoGrainKey</c>: a GUID key split into two longs, an integer key in N1, a string
/// key and any key extension in the string column), so the rows Network wrote before its own pipeline existed are the
/// rows it reads and writes now, with no data migration.
/// </summary>
internal readonly record struct StateRowKey(string ServiceId, string StateName, long N0, long N1, string IdString)
{
    public static StateRowKey For(string serviceId, string stateName, GrainId grainId)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
        {
            var bytes = guid.ToByteArray();
            return new(serviceId, stateName, BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), guidExtension ?? "");
        }
        if (grainId.TryGetIntegerKey(out var integer, out var integerExtension))
        {
            return new(serviceId, stateName, 0, integer, integerExtension ?? "");
        }
        return new(serviceId, stateName, 0, 0, grainId.Key.ToString()!);
    }

    /// <summary>Which of <paramref name="shards"/> writers takes this row's units; the same row always goes to the same one.</summary>
    public int ShardOf(int shards)
    {
        // Stable within the process (string hashing is randomised per process, which is all the sharding needs): one
        // row's units are committed in the order they were submitted, by one writer.
        var hash = HashCode.Combine(StateName, N0, N1, IdString);
        return (int)((uint)hash % (uint)shards);
    }

    public override string ToString() => $"{StateName}/{IdString}";
}
