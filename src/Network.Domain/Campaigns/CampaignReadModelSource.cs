using System.Text.Json;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Campaigns;

/// <summary>Rebuilds campaign list rows from stored campaign state (see <see cref="IReadModelSource"/>).</summary>
public sealed class CampaignReadModelSource(ICampaignReadModel readModel) : IReadModelSource
{
    public string StateName => CampaignState.StateName;

    public async Task ProjectAsync(string json, long version, CancellationToken cancellationToken)
    {
        var stored = JsonSerializer.Deserialize<CampaignState>(json, StoredStateJson.Options);
        // A state from before the home tenant was stored cannot name its row; its next definition writes one.
        if (stored is not { Campaign: not null } || stored.HomeTenant.Length == 0)
        {
            return;
        }
        var key = TenantScopedKey.For(TenantPath.Parse(stored.HomeTenant), stored.Campaign.Id);
        // The row carries the state's own write counter, as the grain's live writes do (not the storage version).
        await readModel.UpsertAsync(stored.ToListRow(key), cancellationToken).ConfigureAwait(false);
    }
}
