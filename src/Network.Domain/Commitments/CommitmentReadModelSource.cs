using System.Text.Json;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Commitments;

/// <summary>Rebuilds commitment list rows from stored commitment state (see <see cref="IReadModelSource"/>).</summary>
public sealed class CommitmentReadModelSource(ICommitmentReadModel readModel, IGrainFactory grains) : IReadModelSource
{
    public string StateName => CommitmentState.StateName;

    public async Task ProjectAsync(string json, long version, CancellationToken cancellationToken)
    {
        var stored = JsonSerializer.Deserialize<CommitmentState>(json, StoredStateJson.Options);
        if (stored is not { Exists: true, Draft: not null })
        {
            return;
        }
        var key = TenantScopedKey.For(TenantPath.Parse(stored.HomeTenant), stored.Draft.Id);
        // The row carries the state's own write counter, as the grain's live writes do (not the storage version).
        await readModel.UpsertAsync(stored.ToListRow(key), cancellationToken).ConfigureAwait(false);
        if (stored.Outbox.Count > 0)
        {
            // Events a crash kept in the outbox: waking the grain hands them on (see CommitmentGrain.OnActivateAsync).
            using var _ = TenantCallContext.Enter(TenantCaller.System);
            await grains.GetGrain<ICommitmentGrain>(key).Describe().ConfigureAwait(false);
        }
    }
}
