using MassTransit;
using Network.Contracts.Messaging;
using Network.Domain.Commitments;
using Network.Domain.Tenancy;

namespace Network.Messaging.Inbound.Consumers;

/// <summary>A tenant's system says it wants to take part in a commitment it can see; recorded in its history.</summary>
public sealed class ExpressInterestConsumer(LinkTargets targets) : IConsumer<ExpressInterest>
{
    public async Task Consume(ConsumeContext<ExpressInterest> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (sender, appliedId) = LinkMessageGuard.Admit(context);
        var commitment = await targets.CommitmentAsync(sender, context.Message.CommitmentId, "commitmentId", context.CancellationToken);
        using var _ = TenantCallContext.Enter(sender.Caller);
        await commitment.ExpressInterest(new InterestExpression(context.Message.Note, appliedId));
    }
}
