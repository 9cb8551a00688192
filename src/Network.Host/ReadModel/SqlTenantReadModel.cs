using System.Globalization;
using System.Text.Json;
using Network.Domain.ReadModel;
using Network.Host.Storage;

namespace Network.Host.ReadModel;

/// <summary>
/// The tenants list in the <c>tenant_list</c> table (aliases as a JSON array), on SQLite or PostgreSQL. A row is
/// replaced only by a greater state version, so the start-up rebuild racing a tenant's write never puts back the
/// older names it read.
/// </summary>
public sealed class SqlTenantReadModel : ITenantReadModel
{
    private const string UpsertSql = """
        INSERT INTO tenant_list (path, id, name, kind, aliases, state_version)
        VALUES (@path, @id, @name, @kind, @aliases, @state_version)
        ON CONFLICT (path) DO UPDATE
        SET id = excluded.id,
            name = excluded.name,
            kind = excluded.kind,
            aliases = excluded.aliases,
            state_version = excluded.state_version
        WHERE tenant_list.state_version < excluded.state_version;
        """;

    private static readonly string SubtreeSql =
        $"SELECT path, id, name, kind, aliases, state_version FROM tenant_list WHERE {TenantScope.Condition("path", "scope")} ORDER BY path;";

    private readonly ReadModelDialect _dialect;

    public SqlTenantReadModel(StorageOptions storage)
        : this(ReadModelDialect.For(storage))
    {
    }

    internal SqlTenantReadModel(ReadModelDialect dialect) => _dialect = dialect;

    public async Task UpsertAsync(TenantListRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        TenantScope.Parse(row.Path, nameof(row));
        ArgumentException.ThrowIfNullOrEmpty(row.Id, nameof(row));
        ArgumentNullException.ThrowIfNull(row.Name, nameof(row));
        ArgumentNullException.ThrowIfNull(row.Kind, nameof(row));
        var aliases = JsonSerializer.Serialize(row.Aliases ?? []);

        await _dialect.WriteAsync("tenant_list rows", async (connection, transaction, token) =>
        {
            var command = ReadModelDialect.Command(connection, transaction, UpsertSql,
            [
                new("path", row.Path),
                new("id", row.Id),
                new("name", row.Name),
                new("kind", row.Kind),
                new("aliases", aliases),
                new("state_version", row.StateVersion),
            ]);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TenantListRow>> SubtreeAsync(string scope, CancellationToken cancellationToken = default)
    {
        var parameters = new List<KeyValuePair<string, object>>();
        TenantScope.Parse(scope, nameof(scope)).AddParameters("scope", parameters);

        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = ReadModelDialect.Command(connection, null, SubtreeSql, parameters);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var rows = new List<TenantListRow>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(new TenantListRow(
                            reader.GetString(0),
                            reader.GetString(1),
                            reader.GetString(2),
                            reader.GetString(3),
                            JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
                            Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture)));
                    }
                    return rows;
                }
            }
        }
    }
}
