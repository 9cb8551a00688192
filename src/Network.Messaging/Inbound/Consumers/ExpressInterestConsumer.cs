using MassTransit;
using Network.Contracts.Messaging;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.Tenancy;

namespace Network.Messaging.Inbound.Consumers;

/// <summary>A tenant's system says it wants to take part in a commitment it can see; recorded in its history (through the commitment service).</summary>
public sealed class ExpressInterestConsumer(CommitmentService commitments) : IConsumer<ExpressInterest>
{
    public async Task Consume(ConsumeContext<ExpressInterest> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (sender, appliedId) = LinkMessageGuard.Admit(context);
        var id = LinkMessageGuard.Required(context.Message.CommitmentId, "commitmentId");
        using var _ = sender.Enter(appliedId);
        try
        {
            await commitments.ExpressInterestAsync(sender.TenantId, id, context.Message.Note, appliedId, context.CancellationToken);
        }
        catch (Exception e) when (e is DomainNotFoundException or TenantAccessDeniedException)
        {
            throw LinkTargets.NoCommitment(sender, id, "commitmentId", recorded: true);
        }
    }
}
