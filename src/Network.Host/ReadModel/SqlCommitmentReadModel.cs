using System.Data.Common;
using System.Globalization;
using System.Text;
using Network.Domain.ReadModel;
using Network.Domain.Storage;
using Network.Host.Storage;

namespace Network.Host.ReadModel;

/// <summary>
/// The commitments list in the <c>commitment_list</c> and <c>commitment_owner</c> tables, on SQLite or PostgreSQL.
/// A commitment is in scope S when its home tenant or one of its owners is S or below S.
/// </summary>
public sealed class SqlCommitmentReadModel : ICommitmentReadModel
{
    internal static readonly OrderedPathRows Owners = new("commitment_owner", "commitment_key", "owner_path");

    /// <summary>The largest page <see cref="QueryAsync"/> gives (the domain's rule for every list).</summary>
    public const int MaxLimit = ListPaging.MaxLimit;

    private const string Columns =
        "c.key, c.id, c.home_tenant, c.session_id, c.period, c.ordinal, c.summary, c.status, c.due_on, c.updated_at, c.state_version";

    // Written or replaced only by a greater version; RETURNING gives a row only when it was.
    // The update leaves out the id and the home tenant: the key names both, so a row's never change. SQLite rewrites
    // every index whose column is set, whatever the value, so naming them cost their two indexes' pages on every
    // write (with the due date's and period's too, 6.7 pages written per upsert of a random row against 2.7 with
    // only the status's).
    internal const string UpsertSql = """
        INSERT INTO commitment_list
            (key, id, home_tenant, session_id, period, ordinal, summary, status, due_on, updated_at, state_version)
        VALUES (@key, @id, @home_tenant, @session_id, @period, @ordinal, @summary, @status, @due_on, @updated_at, @state_version)
        ON CONFLICT (key) DO UPDATE
        SET session_id = excluded.session_id,
            period = excluded.period,
            ordinal = excluded.ordinal,
            summary = excluded.summary,
            status = excluded.status,
            due_on = excluded.due_on,
            updated_at = excluded.updated_at,
            state_version = excluded.state_version
        WHERE commitment_list.state_version < excluded.state_version
        RETURNING state_version;
        """;

    private readonly ReadModelDialect _dialect;

    public SqlCommitmentReadModel(StorageOptions storage)
        : this(ReadModelDialect.For(storage))
    {
    }

    internal SqlCommitmentReadModel(ReadModelDialect dialect) => _dialect = dialect;

    private const string Written = "commitment_list rows";

    public async Task UpsertAsync(CommitmentListRow row, CancellationToken cancellationToken = default) =>
        await _dialect.WriteAsync(Written, Upsert(row), cancellationToken).ConfigureAwait(false);

    public IStateCompanion? UpsertWithState(CommitmentListRow row) => _dialect.InStateUnit(Written, Upsert(row));

    /// <summary>The row's statements, checked here so a bad row fails its own caller and never a transaction it shares.</summary>
    private Func<DbConnection, DbTransaction?, CancellationToken, Task> Upsert(CommitmentListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentException.ThrowIfNullOrEmpty(row.Key, nameof(row));
        ArgumentException.ThrowIfNullOrEmpty(row.Id, nameof(row));
        TenantScope.Parse(row.HomeTenant, nameof(row));
        ArgumentNullException.ThrowIfNull(row.Owners, nameof(row));
        var owners = row.Owners.Distinct(StringComparer.Ordinal).ToList();
        foreach (var owner in owners)
        {
            TenantScope.Parse(owner, nameof(row));
        }
        return async (connection, transaction, token) =>
        {
            // Null: the stored row has this version or a newer one; it and its owners stay as they are.
            if (await ReadModelCommands.ScalarAsync(connection, transaction, UpsertSql, RowParameters(row), token).ConfigureAwait(false) is not null)
            {
                await Owners.ReplaceAsync(connection, transaction, row.Key, owners, token).ConfigureAwait(false);
            }
        };
    }

    /// <summary>
    /// The rows with this id in scope, nearest home first: those homed in the scope before those seen only through
    /// an owner, then by the length of the home path (closest to the root first), then by home path.
    /// </summary>
    public async Task<IReadOnlyList<CommitmentListRow>> FindAsync(string scope, string id, CancellationToken cancellationToken = default)
    {
        var inScope = TenantScope.Parse(scope, nameof(scope));
        ArgumentException.ThrowIfNullOrEmpty(id);

        var parameters = new List<KeyValuePair<string, object>> { new("id", id) };
        inScope.AddParameters("scope", parameters);
        var sql = $"""
            SELECT {Columns}
            FROM commitment_list c
            WHERE c.id = @id AND {ScopeCondition}
            ORDER BY CASE WHEN {TenantScope.Condition("c.home_tenant", "scope")} THEN 0 ELSE 1 END,
                     length(c.home_tenant), c.home_tenant, c.key;
            """;

        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await _dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var rows = await ReadRowsAsync(connection, transaction, sql, parameters, cancellationToken).ConfigureAwait(false);
                var result = await WithOwnersAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    public async Task<CommitmentListPage> QueryAsync(CommitmentListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxLimit, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query));

        var parameters = new List<KeyValuePair<string, object>>();
        TenantScope.Parse(query.Scope, nameof(query)).AddParameters("scope", parameters);
        var where = new StringBuilder(ScopeCondition);
        if (query.Status is not null)
        {
            where.Append(" AND c.status = @status");
            parameters.Add(new("status", query.Status));
        }
        if (query.Period is { } period)
        {
            where.Append(" AND c.period = @period");
            parameters.Add(new("period", period));
        }
        if (query.Owner is not null)
        {
            TenantScope.Parse(query.Owner, nameof(query)).AddParameters("owner", parameters);
            where.Append(" AND EXISTS (SELECT 1 FROM commitment_owner f WHERE f.commitment_key = c.key AND ")
                .Append(TenantScope.Condition("f.owner_path", "owner"))
                .Append(')');
        }
        if (query.Session is not null)
        {
            where.Append(" AND c.session_id = @session");
            parameters.Add(new("session", query.Session));
        }
        if (query.Search is { Length: > 0 } search)
        {
            // Contained anywhere: LIKE with its wildcards escaped, the summary and the text in lower case (ids are lower
            // case already; PostgreSQL's LIKE is case-sensitive; SQLite's lower() folds only ASCII letters, as documented).
            where.Append(@" AND (c.id LIKE @search ESCAPE '\' OR lower(c.summary) LIKE @search ESCAPE '\')");
            parameters.Add(new("search", "%" + EscapeLike(search.ToLowerInvariant()) + "%"));
        }
        if (query.DueBefore is { } dueBefore)
        {
            where.Append(" AND c.due_on < @due_before");
            parameters.Add(new("due_before", _dialect.ToDate(dueBefore)));
        }

        var countSql = $"SELECT COUNT(*) FROM commitment_list c WHERE {where};";
        var pageSql = $"""
            SELECT {Columns}
            FROM commitment_list c
            WHERE {where}
            ORDER BY c.due_on, c.id, c.key
            LIMIT @limit OFFSET @offset;
            """;
        var pageParameters = new List<KeyValuePair<string, object>>(parameters) { new("limit", query.Limit), new("offset", query.Offset) };

        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await _dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var total = Convert.ToInt32(
                    await ReadModelCommands.ScalarAsync(connection, transaction, countSql, parameters, cancellationToken).ConfigureAwait(false),
                    CultureInfo.InvariantCulture);
                var rows = total > query.Offset
                    ? await ReadRowsAsync(connection, transaction, pageSql, pageParameters, cancellationToken).ConfigureAwait(false)
                    : [];
                var items = await WithOwnersAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new CommitmentListPage(items, total);
            }
        }
    }

    public async Task<IReadOnlyList<SessionCountRow>> SessionsAsync(string scope, CancellationToken cancellationToken = default)
    {
        var parameters = new List<KeyValuePair<string, object>>();
        TenantScope.Parse(scope, nameof(scope)).AddParameters("scope", parameters);
        var sql = $"""
            SELECT c.home_tenant, c.session_id, c.status, COUNT(*)
            FROM commitment_list c
            WHERE {ScopeCondition}
            GROUP BY c.home_tenant, c.session_id, c.status
            ORDER BY c.home_tenant, c.session_id, c.status;
            """;

        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await _dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var sessions = new List<SessionCountRow>();
                var command = ReadModelDialect.Command(connection, transaction, sql, parameters);
                await using (command.ConfigureAwait(false))
                {
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        // Rows come grouped by session (the ORDER BY), one per status: fold them into one row per session.
                        Dictionary<string, int>? counts = null;
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            var home = reader.GetString(0);
                            var session = reader.GetString(1);
                            if (counts is null || sessions[^1].HomeTenant != home || sessions[^1].SessionId != session)
                            {
                                counts = new Dictionary<string, int>(StringComparer.Ordinal);
                                sessions.Add(new SessionCountRow(home, session, counts));
                            }
                            counts[reader.GetString(2)] = Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture);
                        }
                    }
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return sessions;
            }
        }
    }

    /// <summary>The text with LIKE's wildcards and its escape character escaped by '\'.</summary>
    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);

    /// <summary>Home tenant in scope, or an owner in scope (parameters named "scope").</summary>
    private static string ScopeCondition =>
        $"({TenantScope.Condition("c.home_tenant", "scope")} OR EXISTS (SELECT 1 FROM commitment_owner o WHERE o.commitment_key = c.key AND {TenantScope.Condition("o.owner_path", "scope")}))";

    private List<KeyValuePair<string, object>> RowParameters(CommitmentListRow row) =>
    [
        new("key", row.Key),
        new("id", row.Id),
        new("home_tenant", row.HomeTenant),
        new("session_id", row.SessionId ?? ""),
        new("period", row.Period),
        new("ordinal", row.Ordinal),
        new("summary", row.Summary ?? ""),
        new("status", row.Status ?? ""),
        new("due_on", _dialect.ToDate(row.DueOn)),
        new("updated_at", _dialect.ToInstant(row.UpdatedAt)),
        new("state_version", row.StateVersion),
    ];

    private async Task<List<CommitmentListRow>> ReadRowsAsync(
        DbConnection connection, DbTransaction transaction, string sql, List<KeyValuePair<string, object>> parameters, CancellationToken cancellationToken)
    {
        var command = ReadModelDialect.Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<CommitmentListRow>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new CommitmentListRow(
                        Key: reader.GetString(0),
                        Id: reader.GetString(1),
                        HomeTenant: reader.GetString(2),
                        SessionId: reader.GetString(3),
                        Period: Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
                        Ordinal: Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                        Summary: reader.GetString(6),
                        Status: reader.GetString(7),
                        DueOn: _dialect.ReadDate(reader, 8),
                        Owners: [],
                        UpdatedAt: _dialect.ReadInstant(reader, 9),
                        StateVersion: Convert.ToInt64(reader.GetValue(10), CultureInfo.InvariantCulture)));
                }
                return rows;
            }
        }
    }

    /// <summary>The rows with their owners (in the order they were written), read with one query.</summary>
    private static async Task<IReadOnlyList<CommitmentListRow>> WithOwnersAsync(
        DbConnection connection, DbTransaction transaction, List<CommitmentListRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return rows;
        }
        var parameters = new List<KeyValuePair<string, object>>(rows.Count);
        var names = new List<string>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"k{i}");
            names.Add("@" + name);
            parameters.Add(new(name, rows[i].Key));
        }
        var sql = $"SELECT commitment_key, owner_path FROM commitment_owner WHERE commitment_key IN ({string.Join(", ", names)}) ORDER BY commitment_key, position;";

        var owners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var command = ReadModelDialect.Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var key = reader.GetString(0);
                    if (!owners.TryGetValue(key, out var list))
                    {
                        owners[key] = list = [];
                    }
                    list.Add(reader.GetString(1));
                }
            }
        }
        return rows.Select(r => owners.TryGetValue(r.Key, out var list) ? r with { Owners = list } : r).ToList();
    }

}
