using System.Data.Common;
using System.Globalization;
using Network.Domain.Audit;
using Network.Domain.Tenancy;
using Network.Host.ReadModel;
using Network.Host.Storage;

namespace Network.Host.Audit;

/// <summary>
/// The audit trail in <c>audit_entry</c>, on SQLite or PostgreSQL: lines written on their own (refusals; a change's
/// line comes with the change, from the state pipeline), the trail of a subtree, newest first, and the deletion of
/// lines past the retention.
/// </summary>
internal sealed class SqlAuditTrail : IAuditTrail
{
    private const string InsertSql = """
        INSERT INTO audit_entry (id, at, tenant_path, actor_tenant, actor_id, action, target, outcome, entry_json)
        VALUES (@id, @at, @tenant, @actor_tenant, @actor, @action, @target, @outcome, @entry)
        ON CONFLICT (id) DO NOTHING;
        """;

    // The lines of changes made in the scope's subtree, and those of its keys wherever they reached (a foreign key's
    // refused attempt shows to the coordinators of both sides).
    private static readonly string ScopeCondition =
        $"({TenantScope.Condition("tenant_path", "scope")} OR {TenantScope.Condition("actor_tenant", "scope")})";

    // The same condition that SQLite may not answer from the two tenant indexes (a unary + makes a column no index's):
    // it then walks the table newest first and stops at the page's end. See NewestFirstScanIsCheaper.
    private static readonly string ScopeConditionWithoutIndexes =
        $"({TenantScope.Condition("+tenant_path", "scope")} OR {TenantScope.Condition("+actor_tenant", "scope")})";

    private readonly ReadModelDialect _dialect;

    public SqlAuditTrail(StorageOptions storage) => _dialect = ReadModelDialect.For(storage);

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var row = AuditRow.From(entry);
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = ReadModelDialect.Command(connection, null, InsertSql,
            [
                new("id", row.Id),
                new("at", _dialect.ToInstant(row.At)),
                new("tenant", (object?)row.TenantPath ?? DBNull.Value),
                new("actor_tenant", (object?)row.ActorTenant ?? DBNull.Value),
                new("actor", row.ActorId),
                new("action", row.Action),
                new("target", row.Target),
                new("outcome", row.Outcome),
                new("entry", row.EntryJson),
            ]);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<AuditPage> ListAsync(TenantPath scope, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Only the filters asked for become conditions (an untyped null parameter is an error on PostgreSQL).
        var parameters = new List<KeyValuePair<string, object>> { new("offset", query.Offset), new("limit", query.Limit) };
        TenantScope.Parse(scope.Value, nameof(scope)).AddParameters("scope", parameters);
        var filters = new System.Text.StringBuilder();
        void Filter(string condition, string name, object? value)
        {
            if (value is not null)
            {
                filters.Append(" AND ").Append(condition);
                parameters.Add(new(name, value));
            }
        }
        Filter("at >= @since", "since", query.Since is { } since ? _dialect.ToInstant(since) : null);
        Filter("actor_id = @actor", "actor", query.Actor);
        Filter("action = @action", "action", query.Action);
        Filter("target = @target", "target", query.Target);
        var filterText = filters.ToString();
        var where = ScopeCondition + filterText;

        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One snapshot for the count and the page, so they agree.
            var transaction = await _dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var total = await CountAsync(connection, transaction, where, parameters, cancellationToken).ConfigureAwait(false);
                var pageWhere = _dialect is SqliteReadModelDialect
                    && NewestFirstScanIsCheaper(total, await RowsAsync(connection, transaction, cancellationToken).ConfigureAwait(false), query.Offset + query.Limit)
                    ? ScopeConditionWithoutIndexes + filterText
                    : where;
                var items = new List<AuditEntry>();
                var page = ReadModelDialect.Command(connection, transaction,
                    $"SELECT entry_json FROM audit_entry WHERE {pageWhere} ORDER BY seq DESC LIMIT @limit OFFSET @offset;",
                    parameters);
                await using (page.ConfigureAwait(false))
                {
                    var reader = await page.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            items.Add(AuditRow.Read(reader.GetString(0)));
                        }
                    }
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new AuditPage(items, total, query.Offset, query.Limit);
            }
        }
    }

    /// <summary>Deletes the lines older than <paramref name="before"/>; how many went.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = ReadModelDialect.Command(connection, null, "DELETE FROM audit_entry WHERE at < @before;",
                [new("before", _dialect.ToInstant(before))]);
            await using (command.ConfigureAwait(false))
            {
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Whether walking the table newest first beats the tenant indexes for a page. SQLite's planner takes the indexes
    /// whenever the scope's columns are compared, then sorts every matching line to return the newest few: for a
    /// forum's coordinator, whose subtree holds most lines, that is the whole table sorted for each page (32 ms for 50
    /// lines of 60,000 where the walk takes 1 ms). The walk reads about (offset + limit) × rows / matching lines; the
    /// indexes read the matching lines and sort them; whichever reads fewer wins. (PostgreSQL's planner weighs this
    /// itself from its statistics.)
    /// </summary>
    internal static bool NewestFirstScanIsCheaper(long matching, long rows, long pageEnd) =>
        matching > 0 && pageEnd * rows <= matching * matching;

    /// <summary>How many lines the table holds, from the ends of its key (seq only grows; pruning takes the oldest).</summary>
    private static async Task<long> RowsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = ReadModelDialect.Command(connection, transaction, "SELECT COALESCE(MAX(seq) - MIN(seq) + 1, 0) FROM audit_entry;", []);
        await using (rows.ConfigureAwait(false))
        {
            return Convert.ToInt64(await rows.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
    }

    private static async Task<int> CountAsync(
        DbConnection connection, DbTransaction transaction, string where, List<KeyValuePair<string, object>> parameters,
        CancellationToken cancellationToken)
    {
        var count = ReadModelDialect.Command(connection, transaction, $"SELECT COUNT(*) FROM audit_entry WHERE {where};",
            parameters.Where(p => p.Key is not ("offset" or "limit")));
        await using (count.ConfigureAwait(false))
        {
            return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
    }
}
