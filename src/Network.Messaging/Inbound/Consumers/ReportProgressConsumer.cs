using MassTransit;
using Network.Contracts.Commitments;
using Network.Contracts.Messaging;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.Tenancy;

namespace Network.Messaging.Inbound.Consumers;

/// <summary>
/// A tenant's system reports progress on a commitment it owns: the same change, through the same service and its
/// rule of who may report (<see cref="ProgressRules.MayReport"/>), as the HTTP progress report.
/// </summary>
public sealed class ReportProgressConsumer(CommitmentService commitments) : IConsumer<ReportProgress>
{
    public async Task Consume(ConsumeContext<ReportProgress> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (sender, appliedId) = LinkMessageGuard.Admit(context);
        var message = context.Message;
        var id = LinkMessageGuard.Required(message.CommitmentId, "commitmentId");
        var request = new ReportProgressRequest(LinkMessageGuard.Required(message.Status, "status"), message.Note, message.EvidenceUrl);
        using var _ = sender.Enter(appliedId);
        try
        {
            await commitments.ReportProgressAsync(sender.TenantId, id, request, appliedId, context.CancellationToken);
        }
        catch (Exception e) when (e is DomainNotFoundException or TenantAccessDeniedException)
        {
            throw LinkTargets.NoCommitment(sender, id, "commitmentId", recorded: true);
        }
    }
}
