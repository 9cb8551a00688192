namespace Network.Domain.Storage;

/// <summary>A message to delete from a queue (<see cref="StateQueues"/>) in the unit that records it as sent; a key not there is no error.</summary>
public sealed record QueuedKey(string Queue, string Owner, string Key);
