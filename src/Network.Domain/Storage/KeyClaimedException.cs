namespace Network.Domain.Storage;

/// <summary>
/// A write claimed a set member that is already there (<see cref="IAppendsRows.PendingClaims"/>), so nothing of the
/// write was stored. A grain claims the id of the event or message it is applying: this says it applied it before.
/// Its memory is then ahead of storage, and <see cref="StateWrites.WriteOrStartOverAsync"/> starts the activation over
/// from storage, as after any failed write.
/// </summary>
/// <remarks>
/// An <see cref="OrleansException"/>, as <see cref="Orleans.Storage.InconsistentStateException"/> is, so Orleans'
/// state bridge hands it to the grain as it is rather than wrapped in an exception of its own.
/// </remarks>
[GenerateSerializer]
public sealed class KeyClaimedException(string set, string owner, string key)
    : OrleansException($"The write claimed '{key}' of '{owner}' in {set}, which is there already: nothing was written.")
{
    [Id(0)] public string Set { get; } = set;

    [Id(1)] public string Owner { get; } = owner;

    [Id(2)] public string Key { get; } = key;
}
