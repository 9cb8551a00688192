namespace Network.Domain.Storage;

/// <summary>
/// A member a grain adds to one of the keyed sets (<see cref="StateKeySets"/>), in the same transaction as its state:
/// e.g. the id of an event an instance applied, so a redelivery is recognised however long ago it was applied, without
/// the state keeping every id it ever saw. Adding a member twice keeps the first.
/// </summary>
/// <param name="Set">Which set (<see cref="StateKeySets.AppliedEventIds"/>, <see cref="StateKeySets.AppliedMessageIds"/>).</param>
/// <param name="Owner">The grain's key.</param>
/// <param name="Key">The member.</param>
/// <param name="At">When it was added; members expire <see cref="StateKeySets.Retention"/> after it.</param>
public sealed record KeyRow(string Set, string Owner, string Key, DateTimeOffset At);
