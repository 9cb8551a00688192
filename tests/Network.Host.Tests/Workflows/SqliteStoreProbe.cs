using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Network.Host.Tests.Workflows;

/// <summary><see cref="StoreProbe"/> on the host's SQLite file (opened beside the running host, without pooling).</summary>
public sealed class SqliteStoreProbe(string databasePath) : StoreProbe
{
    protected override string OutboxLength => "json_array_length(payload_json, '$.outbox')";

    protected override string HoldOutboxSql(string quotedKey) => $"""
        CREATE TRIGGER {TrapName} BEFORE UPDATE OF payload_json ON orleans_grain_state
        WHEN NEW.grain_type = 'commitment' AND NEW.grain_id_string = '{quotedKey}'
         AND json_array_length(NEW.payload_json, '$.outbox') < json_array_length(OLD.payload_json, '$.outbox')
        BEGIN
            SELECT RAISE(ABORT, 'test: the host died before the outbox was written off');
        END;
        """;

    protected override string ReleaseOutboxSql => $"DROP TRIGGER {TrapName};";

    protected override DbConnection Connect() => new SqliteConnection($"Data Source={databasePath};Pooling=False");
}
