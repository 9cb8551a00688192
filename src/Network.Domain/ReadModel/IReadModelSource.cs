namespace Network.Domain.ReadModel;

/// <summary>
/// Turns a grain's stored state (the JSON in the grain state table) into its read-model row, so the read model
/// can be rebuilt from what is stored after a crash. Registered once per grain state name.
/// </summary>
public interface IReadModelSource
{
    /// <summary>The state name the grain stores under, e.g. "commitment" (the first argument of [PersistentState]).</summary>
    string StateName { get; }

    /// <summary>Writes the row for one stored state; <paramref name="version"/> is the stored version (ETag).</summary>
    Task ProjectAsync(string json, long version, CancellationToken cancellationToken);
}
