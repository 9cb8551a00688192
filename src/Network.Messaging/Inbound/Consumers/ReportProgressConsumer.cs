using MassTransit;
using Network.Contracts.Messaging;
using Network.Domain.Commitments;
using Network.Domain.Tenancy;

namespace Network.Messaging.Inbound.Consumers;

/// <summary>A tenant's system reports progress on a commitment it owns: the same change as the HTTP progress report.</summary>
public sealed class ReportProgressConsumer(LinkTargets targets) : IConsumer<ReportProgress>
{
    public async Task Consume(ConsumeContext<ReportProgress> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (sender, appliedId) = LinkMessageGuard.Admit(context);
        var message = context.Message;
        var commitment = await targets.CommitmentAsync(sender, message.CommitmentId, "commitmentId", context.CancellationToken);
        using var _ = TenantCallContext.Enter(sender.Caller);
        await commitment.ReportProgress(new ProgressUpdate(
            LinkMessageGuard.Required(message.Status, "status"), message.Note, message.EvidenceUrl, appliedId));
    }
}
