using MassTransit;
using Network.Contracts.Messaging;

namespace Network.Messaging.Inbound;

/// <summary>
/// What every consumer checks first: the key filter ran (the sender is known), the message names the sender's own
/// tenant, and it has an id. Gives back the sender and the id under which the message is applied once: the sender's
/// id qualified by its tenant, so one tenant's ids never collide with another's.
/// </summary>
public static class LinkMessageGuard
{
    public const int MaxMessageIdLength = 200;

    public static (LinkSender Sender, string AppliedId) Admit<T>(ConsumeContext<T> context)
        where T : class, INetworkMessage
    {
        ArgumentNullException.ThrowIfNull(context);
        // No sender means the key filter did not run on this endpoint: refuse rather than apply unsigned.
        if (!context.TryGetPayload<LinkSender>(out var sender))
        {
            throw new MessageRefusedException("The message was not checked for a key; it is refused.");
        }
        var message = context.Message;
        if (string.IsNullOrWhiteSpace(message.TenantId))
        {
            throw new MessageRefusedException($"'tenantId' is required: the sending tenant, '{sender.TenantId}'.");
        }
        if (message.TenantId != sender.TenantId && message.TenantId != sender.Caller.Tenant!.Value.Value)
        {
            throw new MessageRefusedException(
                $"'tenantId' is '{message.TenantId}', but the message came from tenant '{sender.TenantId}': a tenant speaks only for itself.");
        }
        var messageId = string.IsNullOrWhiteSpace(message.MessageId)
            ? context.ReceiveContext.TransportHeaders.Get<string>("MessageId")
            : message.MessageId;
        if (string.IsNullOrWhiteSpace(messageId))
        {
            throw new MessageRefusedException("'messageId' is required: a message is applied once per id.");
        }
        if (messageId.Length > MaxMessageIdLength)
        {
            throw new MessageRefusedException($"'messageId' may have at most {MaxMessageIdLength} characters.");
        }
        return (sender, $"{sender.TenantId}|{messageId.Trim()}");
    }

    /// <summary>A required text field, or a refusal naming it.</summary>
    public static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new MessageRefusedException($"'{field}' is required.") : value.Trim();
}
