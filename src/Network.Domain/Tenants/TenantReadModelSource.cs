using System.Text.Json;
using Network.Domain.ReadModel;

namespace Network.Domain.Tenants;

/// <summary>Rebuilds tenant list rows from stored tenant state (see <see cref="IReadModelSource"/>).</summary>
public sealed class TenantReadModelSource(ITenantReadModel readModel) : IReadModelSource
{
    public string StateName => TenantState.StateName;

    public async Task ProjectAsync(string json, long version, CancellationToken cancellationToken)
    {
        var stored = JsonSerializer.Deserialize<TenantState>(json, StoredStateJson.Options);
        if (stored is { Exists: true })
        {
            await readModel.UpsertAsync(stored.ToListRow(), cancellationToken).ConfigureAwait(false);
        }
    }
}
