using System.Data.Common;
using System.Globalization;
using Network.Domain.ReadModel;
using Network.Host.Storage;

namespace Network.Host.ReadModel;

/// <summary>
/// The campaigns list in the <c>campaign_list</c> and <c>campaign_partner</c> tables, on SQLite or PostgreSQL.
/// A campaign is in scope S when its home tenant or one of its partners is S (or, with descendants, below S).
/// </summary>
/// <remarks>
/// A table, not a per-tenant index grain: a coordinator's list spans its whole subtree (every tenant's campaigns
/// and every campaign a tenant of it is a partner in), which is one range query here but a call to each index grain
/// of the subtree there; and the table is rebuilt from the stored campaign states at every start, so a crash between
/// the state write and the row write loses nothing, as for the commitments' list.
/// </remarks>
public sealed class SqlCampaignReadModel : ICampaignReadModel
{
    private static readonly OrderedPathRows Partners = new("campaign_partner", "campaign_key", "partner_path");

    private const string Columns =
        "c.key, c.id, c.home_tenant, c.title, c.launch_on, c.milestone_count, c.commitment_count, c.state_version";

    // Written or replaced only by a greater version; RETURNING gives a row only when it was.
    private const string UpsertSql = """
        INSERT INTO campaign_list (key, id, home_tenant, title, launch_on, milestone_count, commitment_count, state_version)
        VALUES (@key, @id, @home_tenant, @title, @launch_on, @milestone_count, @commitment_count, @state_version)
        ON CONFLICT (key) DO UPDATE
        SET id = excluded.id,
            home_tenant = excluded.home_tenant,
            title = excluded.title,
            launch_on = excluded.launch_on,
            milestone_count = excluded.milestone_count,
            commitment_count = excluded.commitment_count,
            state_version = excluded.state_version
        WHERE campaign_list.state_version < excluded.state_version
        RETURNING state_version;
        """;

    private readonly ReadModelDialect _dialect;

    public SqlCampaignReadModel(StorageOptions storage)
        : this(ReadModelDialect.For(storage))
    {
    }

    internal SqlCampaignReadModel(ReadModelDialect dialect) => _dialect = dialect;

    public async Task UpsertAsync(CampaignListRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentException.ThrowIfNullOrEmpty(row.Key, nameof(row));
        ArgumentException.ThrowIfNullOrEmpty(row.Id, nameof(row));
        ArgumentNullException.ThrowIfNull(row.Title, nameof(row));
        TenantScope.Parse(row.HomeTenant, nameof(row));
        ArgumentNullException.ThrowIfNull(row.Partners, nameof(row));
        var partners = row.Partners.Distinct(StringComparer.Ordinal).ToList();
        foreach (var partner in partners)
        {
            TenantScope.Parse(partner, nameof(row));
        }

        await _dialect.WriteAsync("campaign_list rows", async (connection, transaction, token) =>
        {
            var upsert = ReadModelDialect.Command(connection, transaction, UpsertSql,
            [
                new("key", row.Key),
                new("id", row.Id),
                new("home_tenant", row.HomeTenant),
                new("title", row.Title),
                new("launch_on", row.LaunchOn is { } launch ? _dialect.ToDate(launch) : DBNull.Value),
                new("milestone_count", row.MilestoneCount),
                new("commitment_count", row.CommitmentCount),
                new("state_version", row.StateVersion),
            ]);
            await using (upsert.ConfigureAwait(false))
            {
                if (await upsert.ExecuteScalarAsync(token).ConfigureAwait(false) is null or DBNull)
                {
                    // The stored row has this version or a newer one: leave it (and its partners) as it is.
                    return;
                }
            }
            await Partners.ReplaceAsync(connection, transaction, row.Key, partners, token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CampaignListPage> QueryAsync(CampaignListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, ListPaging.MaxLimit, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query));

        var parameters = new List<KeyValuePair<string, object>>();
        TenantScope.Parse(query.Scope, nameof(query)).AddParameters("scope", parameters);
        var where = $"({InScope("c.home_tenant", query.Descendants)} OR EXISTS (SELECT 1 FROM campaign_partner p WHERE p.campaign_key = c.key AND {InScope("p.partner_path", query.Descendants)}))";
        var countSql = $"SELECT COUNT(*) FROM campaign_list c WHERE {where};";
        // Undated campaigns last, written so both databases read it the same way (a boolean sorts false first).
        var pageSql = $"""
            SELECT {Columns}
            FROM campaign_list c
            WHERE {where}
            ORDER BY (c.launch_on IS NULL), c.launch_on DESC, c.key
            LIMIT @limit OFFSET @offset;
            """;
        var pageParameters = new List<KeyValuePair<string, object>>(parameters) { new("limit", query.Limit), new("offset", query.Offset) };

        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await _dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                int total;
                var count = ReadModelDialect.Command(connection, transaction, countSql, parameters);
                await using (count.ConfigureAwait(false))
                {
                    total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }
                var rows = total > query.Offset
                    ? await ReadRowsAsync(connection, transaction, pageSql, pageParameters, cancellationToken).ConfigureAwait(false)
                    : [];
                var items = await WithPartnersAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new CampaignListPage(items, total);
            }
        }
    }

    /// <summary>"<paramref name="column"/> is the scope", or "is the scope or below it" (parameters named "scope").</summary>
    private static string InScope(string column, bool descendants) =>
        descendants ? TenantScope.Condition(column, "scope") : $"{column} = @scope";

    private async Task<List<CampaignListRow>> ReadRowsAsync(
        DbConnection connection, DbTransaction transaction, string sql, List<KeyValuePair<string, object>> parameters, CancellationToken cancellationToken)
    {
        var command = ReadModelDialect.Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<CampaignListRow>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(new CampaignListRow(
                        Key: reader.GetString(0),
                        Id: reader.GetString(1),
                        HomeTenant: reader.GetString(2),
                        Title: reader.GetString(3),
                        LaunchOn: reader.IsDBNull(4) ? null : _dialect.ReadDate(reader, 4),
                        Partners: [],
                        MilestoneCount: Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                        CommitmentCount: Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture),
                        StateVersion: Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture)));
                }
                return rows;
            }
        }
    }

    /// <summary>The rows with their partners (in the order they were written), read with one query.</summary>
    private static async Task<IReadOnlyList<CampaignListRow>> WithPartnersAsync(
        DbConnection connection, DbTransaction transaction, List<CampaignListRow> rows, CancellationToken cancellationToken)
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
        var sql = $"SELECT campaign_key, partner_path FROM campaign_partner WHERE campaign_key IN ({string.Join(", ", names)}) ORDER BY campaign_key, position;";

        var partners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var command = ReadModelDialect.Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var key = reader.GetString(0);
                    if (!partners.TryGetValue(key, out var list))
                    {
                        partners[key] = list = [];
                    }
                    list.Add(reader.GetString(1));
                }
            }
        }
        return rows.Select(r => partners.TryGetValue(r.Key, out var list) ? r with { Partners = list } : r).ToList();
    }
}
