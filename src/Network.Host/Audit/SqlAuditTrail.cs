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
        var where = ScopeCondition + filters;

        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One snapshot for the count and the page, so they agree.
            var transaction = await _dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var total = await CountAsync(connection, transaction, where, parameters, cancellationToken).ConfigureAwait(false);
                var items = new List<AuditEntry>();
                var page = ReadModelDialect.Command(connection, transaction,
                    $"SELECT entry_json FROM audit_entry WHERE {where} ORDER BY seq DESC LIMIT @limit OFFSET @offset;",
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
