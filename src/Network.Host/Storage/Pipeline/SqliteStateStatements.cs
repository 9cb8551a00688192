using Microsoft.Data.Sqlite;
using Network.Domain.Storage;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The SQLite writer's statements, prepared once on its connection and reused for every unit (only their parameter
/// values change): the snapshot's version-checked update, insert and clear, the savepoint frame around each unit, and
/// one insert per log (and one numbered after the owner's last row) and keyed set, one delete per keyed set, and one insert and one delete per queue.
/// </summary>
internal sealed class SqliteStateStatements : IDisposable
{
    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private const string UpdateSql =
        "UPDATE orleans_grain_state SET payload_json = @payload, version = version + 1, modified_at = " + Now +
        " WHERE " + StateSql.RowMatch + " AND version = @version RETURNING version;";

    private const string InsertSql =
        "INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_string, version, payload_json, modified_at)" +
        " VALUES (@service, @type, @n0, @n1, @id, 1, @payload, " + Now + ") ON CONFLICT DO NOTHING RETURNING version;";

    private const string ClearSql =
        "UPDATE orleans_grain_state SET payload_json = NULL, version = version + 1, modified_at = " + Now +
        " WHERE " + StateSql.RowMatch + " AND version = @version RETURNING version;";

    private readonly List<SqliteCommand> _all = [];

    private SqliteStateStatements(SqliteConnection connection)
    {
        Begin = Add(connection, "BEGIN IMMEDIATE;");
        Commit = Add(connection, "COMMIT;");
        Checkpoint = Add(connection, "PRAGMA wal_checkpoint(PASSIVE);");
        Savepoint = Add(connection, "SAVEPOINT unit;");
        RollbackToSavepoint = Add(connection, "ROLLBACK TO unit;");
        ReleaseSavepoint = Add(connection, "RELEASE unit;");
        Update = Add(connection, UpdateSql, "@service", "@type", "@n0", "@n1", "@id", "@payload", "@version");
        Insert = Add(connection, InsertSql, "@service", "@type", "@n0", "@n1", "@id", "@payload");
        Clear = Add(connection, ClearSql, "@service", "@type", "@n0", "@n1", "@id", "@version");
        // The logs a grain numbers (a unit cannot write to the others, whose rows carry an id: AppendNext below).
        Append = StateLogs.All.Except(StateLogs.NumberedByTheStore).ToDictionary(log => log, log => Add(connection,
            $"INSERT INTO {log} (owner_key, seq, at, entry_json) VALUES (@owner, @seq, @at, @entry);",
            "@owner", "@seq", "@at", "@entry"), StringComparer.Ordinal);
        // Numbered after the owner's last row: this connection is the file's one writer, so no other insert comes between.
        // A row of the owner with the same id (the unique item_key) turns the insert into nothing.
        AppendNext = StateLogs.NumberedByTheStore.ToDictionary(log => log, log => Add(connection,
            $"INSERT INTO {log} (owner_key, seq, at, entry_json, item_key) SELECT @owner, COALESCE(MAX(seq), 0) + 1, @at, @entry, @key FROM {log} " +
            "WHERE owner_key = @owner ON CONFLICT (owner_key, item_key) DO NOTHING;",
            "@owner", "@key", "@at", "@entry"), StringComparer.Ordinal);
        AddAudit = Add(connection,
            "INSERT INTO audit_entry (id, at, tenant_path, actor_tenant, actor_id, action, target, outcome, entry_json)" +
            " VALUES (@id, @at, @tenant, @actor_tenant, @actor, @action, @target, @outcome, @entry) ON CONFLICT (id) DO NOTHING;",
            "@id", "@at", "@tenant", "@actor_tenant", "@actor", "@action", "@target", "@outcome", "@entry");
        AddKey = StateKeySets.All.ToDictionary(set => set, set => Add(connection,
            $"INSERT INTO {set} (owner_key, item_key, at) VALUES (@owner, @key, @at) ON CONFLICT DO NOTHING;",
            "@owner", "@key", "@at"), StringComparer.Ordinal);
        RemoveKey = StateKeySets.All.ToDictionary(set => set, set => Add(connection,
            $"DELETE FROM {set} WHERE owner_key = @owner AND item_key = @key;",
            "@owner", "@key"), StringComparer.Ordinal);
        // A message already queued (the UNIQUE key) or already sent (a member of the queue's sent set) is skipped, not
        // an error: the same change handed on twice goes out once, and the rest of the unit commits.
        Enqueue = StateQueues.All.ToDictionary(queue => queue, queue => Add(connection,
            $"INSERT INTO {queue} (owner_key, item_key, source, kind, body, at) SELECT @owner, @key, @source, @kind, @body, @at" +
            $" WHERE NOT EXISTS (SELECT 1 FROM {StateQueues.SentSet(queue)} WHERE owner_key = @owner AND item_key = @key) ON CONFLICT DO NOTHING;",
            "@owner", "@key", "@source", "@kind", "@body", "@at"), StringComparer.Ordinal);
        Dequeue = StateQueues.All.ToDictionary(queue => queue, queue => Add(connection,
            $"DELETE FROM {queue} WHERE owner_key = @owner AND item_key = @key;",
            "@owner", "@key"), StringComparer.Ordinal);
    }

    public SqliteCommand Begin { get; }
    public SqliteCommand Commit { get; }

    /// <summary>A PASSIVE checkpoint on the writer's own connection, between batches (<see cref="SqliteStateWriter"/>).</summary>
    public SqliteCommand Checkpoint { get; }
    public SqliteCommand Savepoint { get; }
    public SqliteCommand RollbackToSavepoint { get; }
    public SqliteCommand ReleaseSavepoint { get; }
    public SqliteCommand Update { get; }
    public SqliteCommand Insert { get; }
    public SqliteCommand Clear { get; }
    public Dictionary<string, SqliteCommand> Append { get; }
    /// <summary>Per log the store numbers: appends one row numbered after the owner's last, once per id (<see cref="LogAppendUnit"/>).</summary>
    public Dictionary<string, SqliteCommand> AppendNext { get; }
    public Dictionary<string, SqliteCommand> AddKey { get; }
    public Dictionary<string, SqliteCommand> RemoveKey { get; }
    public Dictionary<string, SqliteCommand> Enqueue { get; }
    public Dictionary<string, SqliteCommand> Dequeue { get; }
    public SqliteCommand AddAudit { get; }

    public static SqliteStateStatements Prepare(SqliteConnection connection) => new(connection);

    private SqliteCommand Add(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }
        command.Prepare();
        _all.Add(command);
        return command;
    }

    public void Dispose() => _all.ForEach(c => c.Dispose());
}
