using System.Security.Cryptography;
using Network.Domain.Storage;

namespace Network.Domain.Notifications;

[GrainType("notification-key")]
public sealed class NotificationKeyGrain(
    [PersistentState("notification-key", StorageNames.Network)] IPersistentState<NotificationKeyGrain.State> state)
    : Grain, INotificationKeyGrain
{
    public sealed class State
    {
        public byte[] Key { get; set; } = [];
    }

    public async Task<byte[]> SigningKey()
    {
        if (state.State.Key.Length == 0)
        {
            state.State.Key = RandomNumberGenerator.GetBytes(32);
            await state.WriteOrStartOverAsync(this);
        }
        return state.State.Key;
    }
}
