namespace Network.Messaging.Inbound;

/// <summary>
/// A message that will never be applied: no valid key, another tenant's name, an object outside the sender's reach,
/// or invalid content. It is not retried; MassTransit moves it to the endpoint's _error queue with this reason in
/// the MT-Fault-Message header.
/// </summary>
/// <param name="recorded">
/// It translates the domain's own refusal, which the audit trail already holds. (Not carried as the inner exception:
/// MassTransit would then put the inner one's message in the fault header.)
/// </param>
public sealed class MessageRefusedException(string reason, bool recorded = false) : Exception(reason)
{
    /// <summary>The audit trail already holds this refusal (a domain service recorded it).</summary>
    public bool Recorded { get; } = recorded;
}
