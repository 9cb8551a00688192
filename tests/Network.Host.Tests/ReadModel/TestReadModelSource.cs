using System.Collections.Concurrent;
using System.Text.Json;
using Network.Domain.ReadModel;
using Network.Host.Storage;

namespace Network.Host.Tests.ReadModel;

/// <summary>
/// A read-model source for <see cref="ReadModelTestGrain"/>'s state: it records every call and, when given a read
/// model, writes the commitment row the way a real source would (key = home + '|' + id).
/// </summary>
public sealed class TestReadModelSource(ICommitmentReadModel? model = null, string stateName = ReadModelTestGrain.StateName) : IReadModelSource
{
    private static readonly JsonSerializerOptions Json = Network.Domain.StoredStateJson.CreateOptions();

    public string StateName { get; } = stateName;

    public ConcurrentQueue<(string Json, long Version)> Calls { get; } = new();

    /// <summary>JSON for which <see cref="ProjectAsync"/> throws, to stand for a state that cannot be read.</summary>
    public Func<string, bool> FailWhen { get; init; } = _ => false;

    public static string KeyOf(string home, string id) => home + "|" + id;

    public async Task ProjectAsync(string json, long version, CancellationToken cancellationToken)
    {
        Calls.Enqueue((json, version));
        if (FailWhen(json))
        {
            throw new InvalidOperationException("This stored state cannot be projected.");
        }
        if (model is null)
        {
            return;
        }
        var state = JsonSerializer.Deserialize<ReadModelTestState>(json, Json)!;
        await model.UpsertAsync(new CommitmentListRow(
            KeyOf(state.Home, state.Id), state.Id, state.Home, "session", 1, 1, "summary", state.Status, state.DueOn,
            state.Owners, new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero), version), cancellationToken);
    }
}
