using Network.Domain.Commitments;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Messaging.Inbound;

/// <summary>Finds what a message names, within the sender's reach only; anything else is refused as not found.</summary>
public sealed class LinkTargets(ICommitmentReadModel commitments, TenantDirectory directory, IGrainFactory grains)
{
    /// <summary>The commitment <paramref name="commitmentId"/> among those the sender's tenant is home to or owns.</summary>
    public async Task<ICommitmentGrain> CommitmentAsync(LinkSender sender, string? commitmentId, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var id = LinkMessageGuard.Required(commitmentId, field);
        var rows = await commitments.FindAsync(sender.Caller.Tenant!.Value.Value, id, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0
            ? grains.GetGrain<ICommitmentGrain>(rows[0].Key)
            : throw NoCommitment(sender, id, field);
    }

    /// <summary>The refusal of a message naming a commitment the sender's tenant is neither home to nor owns (or may not act on).</summary>
    /// <param name="recorded">It stands for a domain service's refusal, which is already in the audit trail.</param>
    public static MessageRefusedException NoCommitment(LinkSender sender, string id, string field, bool recorded = false)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return new MessageRefusedException($"'{field}': no commitment '{id}' is home to or owned by tenant '{sender.TenantId}'.", recorded);
    }

    /// <summary>A tenant named by id or path, as the engine sees it (the caller decides what reaching it means).</summary>
    public async Task<TenantPath> TenantAsync(string? idOrPath, string field)
    {
        var text = LinkMessageGuard.Required(idOrPath, field);
        var path = await directory.FindPathAsync(text.Split(TenantPath.Separator)[^1], TenantCaller.System).ConfigureAwait(false);
        return path is { } found && (!text.Contains(TenantPath.Separator, StringComparison.Ordinal) || found.Value == text)
            ? found
            : throw new MessageRefusedException($"'{field}': there is no tenant '{text}'.");
    }
}
