using Network.Domain.Storage;

namespace Network.Domain.ReadModel;

/// <summary>
/// One commitment as lists show it. Kept in a table beside the grain state, so a list is one query, never a call
/// to every grain. <see cref="StateVersion"/> is the grain state's version: a row only ever moves forward.
/// </summary>
/// <param name="Key">The commitment grain's key (home tenant path | local id).</param>
/// <param name="Id">The commitment's id, unique within its home tenant.</param>
/// <param name="HomeTenant">Path of the tenant the commitment belongs to (where it was imported).</param>
/// <param name="Owners">Paths of the tenants that own it (resolved owners only).</param>
public sealed record CommitmentListRow(
    string Key,
    string Id,
    string HomeTenant,
    string SessionId,
    int Period,
    int Ordinal,
    string Summary,
    string Status,
    DateOnly DueOn,
    IReadOnlyList<string> Owners,
    DateTimeOffset UpdatedAt,
    long StateVersion);

/// <summary>
/// Which commitments to list. <see cref="Scope"/> is a tenant path: a commitment is in scope when its home tenant
/// or one of its owners is that tenant or a descendant of it.
/// </summary>
/// <param name="Owner">Only commitments owned by this tenant path (or a descendant of it).</param>
/// <param name="DueBefore">Only commitments due strictly before this date.</param>
/// <param name="Session">Only commitments of the session with this id (in whichever home tenant).</param>
/// <param name="Search">
/// Only commitments whose id or summary contains this text, letters compared in lower case (on SQLite only ASCII
/// letters fold; PostgreSQL folds every letter).
/// </param>
public sealed record CommitmentListQuery(
    string Scope,
    string? Status = null,
    int? Period = null,
    string? Owner = null,
    DateOnly? DueBefore = null,
    int Offset = 0,
    int Limit = 50,
    string? Session = null,
    string? Search = null);

/// <summary>A session as the commitments in scope show it: its home tenant, its id, and how many of them have each status.</summary>
/// <param name="HomeTenant">Path of the session's home tenant.</param>
public sealed record SessionCountRow(string HomeTenant, string SessionId, IReadOnlyDictionary<string, int> ByStatus);

/// <summary>A page of a list, with the total across all pages.</summary>
public sealed record CommitmentListPage(IReadOnlyList<CommitmentListRow> Items, int Total);

/// <summary>The commitments list: written by commitment grains after each change, read by the API.</summary>
public interface ICommitmentReadModel
{
    /// <summary>Inserts or updates the row; ignored when the stored row already has this or a newer version.</summary>
    Task UpsertAsync(CommitmentListRow row, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same upsert, as rows for the commitment's own state unit to write (<see cref="IStateCompanion"/>); null where
    /// this read model cannot write in the state's unit, and the caller then calls <see cref="UpsertAsync"/> after it.
    /// </summary>
    /// <exception cref="ArgumentException">The row is incomplete, or names something that is not a tenant path.</exception>
    IStateCompanion? UpsertWithState(CommitmentListRow row) => null;

    /// <summary>The commitments with this id that are in <paramref name="scope"/> (normally one), nearest home first.</summary>
    Task<IReadOnlyList<CommitmentListRow>> FindAsync(string scope, string id, CancellationToken cancellationToken = default);

    /// <summary>One page of the commitments in scope that match the filters, ordered by due date, then id.</summary>
    Task<CommitmentListPage> QueryAsync(CommitmentListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The sessions of the commitments in <paramref name="scope"/> (home or owner in the subtree), one row per home
    /// tenant and session id, with the count of those commitments by status; ordered by home tenant, then session id.
    /// </summary>
    Task<IReadOnlyList<SessionCountRow>> SessionsAsync(string scope, CancellationToken cancellationToken = default);
}
