namespace Network.Messaging.Inbound;

/// <summary>
/// A message that will never be applied: no valid key, another tenant's name, an object outside the sender's reach,
/// or invalid content. It is not retried; MassTransit moves it to the endpoint's _error queue with this reason in
/// the MT-Fault-Message header.
/// </summary>
public sealed class MessageRefusedException(string reason) : Exception(reason);
