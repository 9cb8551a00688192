namespace Network.Domain.Notifications;

/// <summary>
/// The network's key for signing unsubscribe links, made once at random and kept in storage, so every host signs
/// and checks alike and a restart does not break the links already sent. One grain for the whole network.
/// </summary>
public interface INotificationKeyGrain : IGrainWithStringKey
{
    public const string Key = "unsubscribe-links";

    Task<byte[]> SigningKey();
}
