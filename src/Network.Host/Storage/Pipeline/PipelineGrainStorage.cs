using System.Text;
using Microsoft.Extensions.Options;
using Network.Domain;
using Network.Domain.Audit;
using Network.Domain.Storage;
using Network.Host.Audit;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// Orleans grain storage on Network's own write pipeline (<see cref="IStateStore"/>): each <c>WriteStateAsync</c> is
/// one unit (the snapshot and, for state that keeps logs, sets or queues beside it, its new rows), committed together
/// with other grains' units and answered only once its transaction committed. Rows are the ones Orleans' ADO.NET
/// provider wrote before (<see cref="StateRowKey"/>), with the same version numbers as ETags.
/// </summary>
internal sealed class PipelineGrainStorage(
    IStateStore store,
    IGrainStorageSerializer serializer,
    IActivatorProvider activators,
    IOptions<ClusterOptions> cluster) : IGrainStorage
{
    private readonly string _serviceId = cluster.Value.ServiceId;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await store.ReadAsync(StateRowKey.For(_serviceId, stateName, grainId), CancellationToken.None).ConfigureAwait(false);
        grainState.State = stored?.Payload is { } payload
            ? serializer is JsonGrainStateSerializer json ? json.DeserializeText<T>(payload) : serializer.Deserialize<T>(new BinaryData(Encoding.UTF8.GetBytes(payload)))
            : activators.GetActivator<T>().Create();
        grainState.ETag = stored?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = stored?.Payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var rows = grainState.State as IAppendsRows;
        // The store keeps text: the host's serializer writes it straight (no UTF-8 copy of every state written).
        var payload = serializer is JsonGrainStateSerializer json ? json.SerializeToText(grainState.State) : serializer.Serialize(grainState.State).ToString();
        var unit = new StateUnit(StateRowKey.For(_serviceId, stateName, grainId), StateUnitKind.Write, ExpectedVersion(grainState), payload,
            rows?.PendingLogRows ?? [], rows?.PendingKeyRows ?? [],
            // The change this call declared goes into the trail with the first state it writes (see AuditOperation);
            // the call's later writes carry it too and the table keeps it once.
            AuditRows(AuditOperation.ToStore),
            rows?.PendingKeyRemovals ?? [], rows?.PendingQueueRows, rows?.PendingQueueRemovals, rows?.PendingCompanion, rows?.PendingClaims);
        var version = await store.CommitAsync(unit).ConfigureAwait(false);
        rows?.RowsStored();
        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (ExpectedVersion(grainState) is { } expected)
        {
            var unit = new StateUnit(StateRowKey.For(_serviceId, stateName, grainId), StateUnitKind.Clear, expected, null, []);
            grainState.ETag = (await store.CommitAsync(unit).ConfigureAwait(false)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // Never stored: there is nothing to clear, and the next write inserts the row.
        grainState.State = activators.GetActivator<T>().Create();
        grainState.RecordExists = false;
    }

    /// <summary>The lines as rows; null for none, the common case, which needs no list on every write.</summary>
    private static List<AuditRow>? AuditRows(IReadOnlyList<AuditEntry> lines) => lines.Count == 0 ? null : lines.Select(AuditRow.From).ToList();

    private static int? ExpectedVersion<T>(IGrainState<T> grainState) =>
        string.IsNullOrWhiteSpace(grainState.ETag) ? null : int.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
}
