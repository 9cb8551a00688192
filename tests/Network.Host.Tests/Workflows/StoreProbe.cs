using System.Data.Common;
using System.Globalization;

namespace Network.Host.Tests.Workflows;

/// <summary>
/// The database under a host, for what the API does not show: the reminder rows that wake waiting instances, and
/// the outbox a commitment keeps until its events are handed on. It can also stage the one crash window a test
/// cannot hit by timing a SIGKILL: an event handed on whose removal from the outbox was never stored.
/// Each backend says how it opens a connection and reads JSON; the queries on the Orleans tables are shared.
/// </summary>
public abstract class StoreProbe
{
    /// <summary>The name of the trigger that holds outboxes; one per database is enough for a scenario.</summary>
    protected const string TrapName = "test_hold_outbox";

    /// <summary>Whether the workflow instance with this grain key has its "wake" reminder row.</summary>
    public async Task<bool> HasWakeReminderAsync(string instanceKey) => await ScalarAsync(
        "SELECT COUNT(*) FROM orleans_reminder WHERE grain_id = @grain_id AND reminder_name = 'wake'",
        ("grain_id", "workflow-instance/" + instanceKey)) > 0;

    /// <summary>How many events the stored commitment with this grain key still has to hand on (null: no such row).</summary>
    public Task<long?> OutboxLengthAsync(string commitmentKey) => ScalarAsync(
        $"SELECT {OutboxLength} FROM orleans_grain_state WHERE grain_type = 'commitment' AND grain_id_string = @key",
        ("key", commitmentKey));

    /// <summary>
    /// From now on the stored outbox of this commitment cannot shrink: the event is handed on, but writing it off
    /// fails, exactly as if the host had died between the two. A later start must hand the event on again.
    /// </summary>
    public Task HoldOutboxAsync(string commitmentKey) => ExecuteAsync(HoldOutboxSql(commitmentKey.Replace("'", "''", StringComparison.Ordinal)));

    /// <summary>Drops the trap of <see cref="HoldOutboxAsync"/>, as a restarted host would not have it.</summary>
    public Task ReleaseOutboxAsync() => ExecuteAsync(ReleaseOutboxSql);

    /// <summary>An SQL expression for the length of the JSON array "outbox" in the row's payload_json.</summary>
    protected abstract string OutboxLength { get; }

    /// <summary>A trigger (named <see cref="TrapName"/>) that refuses to store that commitment with a shorter outbox.</summary>
    protected abstract string HoldOutboxSql(string quotedKey);

    protected abstract string ReleaseOutboxSql { get; }

    protected abstract DbConnection Connect();

    /// <returns>The first column of the first row; null when there is no row.</returns>
    private async Task<long?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? null : Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
