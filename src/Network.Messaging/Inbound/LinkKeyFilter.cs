using MassTransit;
using Network.Contracts.Messaging;
using Network.Domain.ApiKeys;
using Network.Domain.Tenancy;

namespace Network.Messaging.Inbound;

/// <summary>
/// The key check of a tenant's inbound endpoint, before any message type is looked at: the message must carry, in
/// its <c>network-key</c> header (MassTransit envelope header or AMQP header), a valid integration key of the
/// tenant whose exchange it came in on. Anything else is refused, and so is a message past the link's size or the
/// key's rate (<see cref="LinkMessageLimits"/>).
/// </summary>
public sealed class LinkKeyFilter(string tenantId, ApiKeyAuthenticator authenticator, LinkMessageLimits limits) : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        // The size first: it costs nothing to check, and an oversized body is not read any further.
        limits.CheckSize(context.ReceiveContext.Body.Length);
        var key = ReadKey(context)
            ?? throw new MessageRefusedException(
                $"The message carries no '{TenantLinks.KeyHeader}' header: sign it with an integration key of tenant '{tenantId}'.");
        var caller = await authenticator.AuthenticateAsync(key).ConfigureAwait(false)
            ?? throw new MessageRefusedException($"The key in '{TenantLinks.KeyHeader}' is unknown or revoked.");
        if (caller.Role != TenantRole.Integration)
        {
            throw new MessageRefusedException(
                $"The key in '{TenantLinks.KeyHeader}' is a {caller.Role.ToWire()} key: tenant links take integration keys only.");
        }
        if (caller.Tenant!.Value.TenantId != tenantId)
        {
            throw new MessageRefusedException(
                $"The key in '{TenantLinks.KeyHeader}' belongs to tenant '{caller.Tenant.Value.TenantId}', not to '{tenantId}' whose exchange this is.");
        }
        context.GetOrAddPayload(() => new LinkSender(caller, tenantId));
        // After the sender is known (so the refusal names it), before anything is applied.
        limits.Admit(caller.KeyId!);
        await next.Send(context).ConfigureAwait(false);
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("tenant-link-key");

    private static string? ReadKey(ConsumeContext context)
    {
        var key = context.Headers.Get<string>(TenantLinks.KeyHeader);
        if (string.IsNullOrWhiteSpace(key))
        {
            key = context.ReceiveContext.TransportHeaders.Get<string>(TenantLinks.KeyHeader);
        }
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }
}
