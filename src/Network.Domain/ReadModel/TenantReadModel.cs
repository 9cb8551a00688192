namespace Network.Domain.ReadModel;

/// <summary>A tenant as name resolution sees it: its names, so "who" text in a report can find it.</summary>
/// <param name="Aliases">Other names and acronyms it goes by (e.g. "TMP", "the Platform").</param>
/// <param name="StateVersion">The tenant state's own write counter: a row only ever moves forward.</param>
public sealed record TenantListRow(string Path, string Id, string Name, string Kind, IReadOnlyList<string> Aliases, long StateVersion);

/// <summary>The tenants list: written by tenant and organisation grains, read when resolving names.</summary>
public interface ITenantReadModel
{
    /// <summary>Inserts or updates the row; ignored when the stored row already has this or a newer version.</summary>
    Task UpsertAsync(TenantListRow row, CancellationToken cancellationToken = default);

    /// <summary>The tenant at <paramref name="scope"/> and all its descendants.</summary>
    Task<IReadOnlyList<TenantListRow>> SubtreeAsync(string scope, CancellationToken cancellationToken = default);
}
