using System.Globalization;
using Network.Domain;

namespace Network.Host.Tests.ReadModel;

/// <summary>
/// A stand-in for a commitment grain: it keeps a small commitment in the "network" store under
/// <see cref="StateName"/>, so the rebuild can be checked against rows exactly as Orleans writes them.
/// </summary>
public interface IReadModelTestGrain : IGrainWithStringKey
{
    Task SaveAsync(string home, string id, string status, DateOnly dueOn, IReadOnlyList<string> owners);

    Task ClearAsync();

    /// <summary>The stored version (ETag) after the last write, as the grain would pass it to the read model.</summary>
    Task<long> VersionAsync();
}

[GenerateSerializer]
public sealed class ReadModelTestState
{
    [Id(0)]
    public string Home { get; set; } = "";

    [Id(1)]
    public string Id { get; set; } = "";

    [Id(2)]
    public string Status { get; set; } = "";

    [Id(3)]
    public DateOnly DueOn { get; set; }

    [Id(4)]
    public List<string> Owners { get; set; } = [];
}

public sealed class ReadModelTestGrain(
    [PersistentState(ReadModelTestGrain.StateName, StorageNames.Network)] IPersistentState<ReadModelTestState> state)
    : Grain, IReadModelTestGrain
{
    public const string StateName = "readmodeltest";

    public async Task SaveAsync(string home, string id, string status, DateOnly dueOn, IReadOnlyList<string> owners)
    {
        state.State.Home = home;
        state.State.Id = id;
        state.State.Status = status;
        state.State.DueOn = dueOn;
        state.State.Owners = [.. owners];
        await state.WriteStateAsync();
    }

    public Task ClearAsync() => state.ClearStateAsync();

    public Task<long> VersionAsync() => Task.FromResult(long.Parse(state.Etag ?? "0", CultureInfo.InvariantCulture));
}
