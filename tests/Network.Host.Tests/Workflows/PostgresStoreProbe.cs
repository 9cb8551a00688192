using System.Data.Common;
using Npgsql;

namespace Network.Host.Tests.Workflows;

/// <summary><see cref="StoreProbe"/> on the host's PostgreSQL database (payload_json is of type json).</summary>
public sealed class PostgresStoreProbe(string connectionString) : StoreProbe
{
    protected override string OutboxLength => "json_array_length(payload_json -> 'outbox')";

    protected override string HoldOutboxSql(string quotedKey) => $$"""
        CREATE FUNCTION {{TrapName}}() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
            IF json_array_length(NEW.payload_json -> 'outbox') < json_array_length(OLD.payload_json -> 'outbox') THEN
                RAISE EXCEPTION 'test: the host died before the outbox was written off';
            END IF;
            RETURN NEW;
        END
        $f$;
        CREATE TRIGGER {{TrapName}} BEFORE UPDATE ON orleans_grain_state FOR EACH ROW
        WHEN (NEW.grain_type = 'commitment' AND NEW.grain_id_string = '{{quotedKey}}')
        EXECUTE FUNCTION {{TrapName}}();
        """;

    protected override string ReleaseOutboxSql => $"DROP TRIGGER {TrapName} ON orleans_grain_state; DROP FUNCTION {TrapName}();";

    protected override DbConnection Connect() => new NpgsqlConnection(connectionString);
}
