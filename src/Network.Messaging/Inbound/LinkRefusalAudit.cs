using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Network.Domain.Audit;
using Network.Domain.Tenancy;

namespace Network.Messaging.Inbound;

/// <summary>
/// Records in the audit trail a message its link refuses before any domain service saw it (no key, a foreign or
/// revoked key, another tenant's name, a missing id): the refusals a service makes are recorded by the service
/// (<see cref="Auditor"/>). Put before the key check, so an unsigned message is recorded too.
/// </summary>
public sealed partial class LinkRefusalAudit(IAuditTrail trail, TenantDirectory directory, TimeProvider clock, ILogger<LinkRefusalAudit> logger)
{
    public IFilter<ConsumeContext> Filter(string tenantId) => new RefusalFilter(this, tenantId);

    private async Task RecordAsync(string tenantId, ConsumeContext context, MessageRefusedException refusal)
    {
        var messageId = SenderMessageId(context) ?? context.MessageId?.ToString();
        var actor = context.TryGetPayload<LinkSender>(out var sender)
            ? AuditActor.ForKey(sender.Caller, null, AuditDoors.Bus, messageId)
            : AuditActor.WithoutKey(AuditDoors.Bus, messageId);
        // A message sent again is recorded once; one without any id gets a line of its own.
        var id = $"msg-refused:{tenantId}:{messageId ?? Guid.NewGuid().ToString("N")}";
        try
        {
            var path = await directory.FindPathAsync(tenantId, TenantCaller.System).ConfigureAwait(false);
            await trail.RecordAsync(new AuditEntry(id, clock.GetUtcNow(), path?.Value, tenantId, actor,
                AuditActions.MessageRefused, $"message/{messageId ?? "(none)"}", AuditOutcomes.Refused, $"refused: {refusal.Message}",
                Activity.Current?.TraceId.ToHexString())).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The message still goes to _error with its reason; the lost line is logged with what it would have said.
            LogNotRecorded(logger, exception, messageId ?? "(none)", tenantId, refusal.Message);
        }
    }

    /// <summary>
    /// The id the sender gave the message (<c>messageId</c> in a plain JSON body, or in a MassTransit envelope's
    /// message), read from the raw body: a refused message may not have been deserialized at all.
    /// </summary>
    private static string? SenderMessageId(ConsumeContext context)
    {
        try
        {
            using var body = System.Text.Json.JsonDocument.Parse(context.ReceiveContext.Body.GetBytes());
            var root = body.RootElement;
            var message = root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("message", out var inner) ? inner : root;
            return message.ValueKind == System.Text.Json.JsonValueKind.Object
                && message.TryGetProperty("messageId", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String
                && id.GetString() is { Length: > 0 and <= LinkMessageGuard.MaxMessageIdLength } text
                ? text
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The refusal of message {MessageId} on tenant {Tenant}'s link could not be added to the audit trail: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string messageId, string tenant, string reason);

    private sealed class RefusalFilter(LinkRefusalAudit audit, string tenantId) : IFilter<ConsumeContext>
    {
        public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(next);
            try
            {
                await next.Send(context).ConfigureAwait(false);
            }
            catch (MessageRefusedException refusal) when (!refusal.Recorded)
            {
                await audit.RecordAsync(tenantId, context, refusal).ConfigureAwait(false);
                throw;
            }
        }

        public void Probe(ProbeContext context) => context?.CreateFilterScope("tenant-link-refusal-audit");
    }
}
