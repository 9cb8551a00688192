using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Domain.Storage;
using Network.Host.Audit;
using Network.Host.ReadModel;
using Network.Host.Storage;
using Network.Host.Storage.Pipeline;
using Network.Host.Tests.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Network.Host.Tests.Storage.Pipeline;

/// <summary>
/// The state store plans each statement once for all values (PostgreSQL's generic plan), made from the table sizes of
/// the moment it is first prepared. These tests explain every statement's generic plan, as the store's connections
/// make it, on tables that are empty and on tables of a few rows whose statistics say so: each must reach its rows
/// through a key's index (an index condition), never read a whole table or index, and join nothing, because that
/// plan is kept however large the tables grow.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStatePlanTests(PostgresServer server)
{
    // Ahead of any day the test runs: the store's expiry would delete kept events past their time before the plans are made.
    private static readonly DateTimeOffset At = new(2100, 1, 4, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_statement_reaches_its_rows_by_a_key_on_empty_tables()
    {
        var connectionString = await MigratedDatabaseAsync();

        await AssertEveryPlanGoesByKeysAsync(connectionString);
    }

    [Fact]
    public async Task Every_statement_reaches_its_rows_by_a_key_on_tables_of_a_few_rows_whose_statistics_say_so()
    {
        var connectionString = await MigratedDatabaseAsync();
        await using (var store = new PostgresStateStore(connectionString, writers: 1, maxBatch: 16, NullLogger.Instance))
        {
            foreach (var (unit, _) in Units("seed"))
            {
                await store.CommitAsync(unit);
            }
            await store.AppendOnceAsync(new OnceAppend(StateLogs.KeptEvents, "seed", "e-1", At.AddDays(1), "{}"));
        }
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        await using (var analyze = dataSource.CreateCommand("ANALYZE;"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await AssertEveryPlanGoesByKeysAsync(connectionString);
    }

    private async Task<string> MigratedDatabaseAsync()
    {
        var storage = new StorageOptions { Provider = "PostgreSQL", ConnectionString = await server.CreateDatabaseAsync() };
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        return storage.ResolveConnectionString();
    }

    private static async Task AssertEveryPlanGoesByKeysAsync(string connectionString)
    {
        // The store's own settings: generic plans, sequential scans off.
        await using var dataSource = NpgsqlDataSource.Create(StorageConnectionStrings.ForPostgreSqlStateStore(connectionString));
        await using var connection = await dataSource.OpenConnectionAsync();
        var statements = new List<(string Name, string Text, string[]? Types)>();
        foreach (var (unit, name) in Units("planned"))
        {
            var command = PostgresStateWriter.CommandsFor(unit).Single();
            statements.Add((name, command.CommandText, [.. command.Parameters.Select(p => TypeName(p.NpgsqlDbType))]));
        }
        var append = PostgresStateWriter.CommandsFor(new LogAppendUnit(
            new OnceAppend(StateLogs.KeptEvents, "planned", "e-1", At, "{}"))).Single();
        statements.Add(("kept event appended once", append.CommandText, [.. append.Parameters.Select(p => TypeName(p.NpgsqlDbType))]));
        // A dispatch's keep, then the read of the waiting instances, in one unit.
        var appendThenRead = PostgresStateWriter.CommandsFor(new AppendThenReadUnit(
            [new OnceAppend(StateLogs.KeptEvents, "planned", "e-2", At, "{}")], StateKeySets.WaitingInstances, [["planned"]])).ToList();
        Assert.Equal(2, appendThenRead.Count);
        foreach (var (command, part) in appendThenRead.Zip((string[])["keep", "read"]))
        {
            statements.Add(($"keep then read: {part}", command.CommandText, [.. command.Parameters.Select(p => TypeName(p.NpgsqlDbType))]));
        }
        // The owners' locks a batch takes first.
        var locks = PostgresOwnerLocks.CommandFor([new OwnerLock(StateKeySets.WaitingInstances, "planned", Exclusive: true)]);
        statements.Add(("owner locks", locks.CommandText, [.. locks.Parameters.Select(p => TypeName(p.NpgsqlDbType))]));
        statements.Add(("state read", PostgresStateStore.StateReadText, null));
        foreach (var set in StateKeySets.All)
        {
            statements.Add(($"{set} contains", PostgresStateStore.ContainsText(set), null));
            statements.Add(($"{set} members", PostgresStateStore.MembersText(set), null));
        }
        foreach (var log in StateLogs.All)
        {
            statements.Add(($"{log} after", PostgresStateStore.LogAfterText(log), null));
            statements.Add(($"{log} last", PostgresStateStore.LogLastText(log), null));
        }
        foreach (var queue in StateQueues.All)
        {
            statements.Add(($"{queue} queued", PostgresStateStore.QueuedText(queue), null));
        }
        // The list rows a grain writes in its state unit's transaction (PostgresStateCompanion) run with the store's
        // settings too. Their inserts of rows read nothing; what finds rows is here.
        statements.Add(("commitment list upsert", Numbered(SqlCommitmentReadModel.UpsertSql), null));
        statements.Add(("commitment owners delete", Numbered(SqlCommitmentReadModel.Owners.DeleteSql), null));
        statements.Add(("workflow instance list upsert", Numbered(SqlWorkflowInstanceReadModel.UpsertInstanceSql), null));
        statements.Add(("workflow task assignees delete", Numbered(SqlWorkflowInstanceReadModel.DeleteAssigneesSql), null));
        statements.Add(("workflow tasks delete", Numbered(SqlWorkflowInstanceReadModel.DeleteTasksSql), null));

        var faults = new List<string>();
        for (var i = 0; i < statements.Count; i++)
        {
            var (name, text, types) = statements[i];
            var plan = await GenericPlanAsync(connection, $"plan_{i}", text.TrimEnd(';'), types);
            faults.AddRange(Faults(plan).Select(fault => $"{name}: {fault}"));
        }
        Assert.True(faults.Count == 0, string.Join('\n', faults));
    }

    /// <summary>
    /// One unit of each kind with a row in every log, keyed set (added, removed and claimed), queue (added and removed)
    /// and audit lines, so that every part of every statement shape is planned.
    /// </summary>
    private static IEnumerable<(StateUnit Unit, string Name)> Units(string owner)
    {
        IReadOnlyList<LogRow> Logs(long seq = 1) => [.. StateLogs.All.Where(log => !StateLogs.NumberedByTheStore.Contains(log)).Select(log => new LogRow(log, owner, seq, At, "{}"))];
        IReadOnlyList<KeyRow> Adds() => [.. StateKeySets.All.Select(set => new KeyRow(set, owner, "added", At))];
        IReadOnlyList<KeyRow> Removals() => [.. StateKeySets.All.Select(set => new KeyRow(set, owner, "removed", At))];
        IReadOnlyList<QueueRow> Queued() => [.. StateQueues.All.Select(queue => new QueueRow(queue, owner, "m-1", "source", "Kind", "{}", At))];
        IReadOnlyList<QueuedKey> Sent() => [.. StateQueues.All.Select(queue => new QueuedKey(queue, owner, "m-0"))];
        var key = new StateRowKey("network", "plan-test", 0, 0, owner);
        var audit = new AuditRow($"{owner}-audit", At, "/t", "/t", "actor", "action", "target", "done", "{}");
        yield return (new StateUnit(key, StateUnitKind.Write, null, "{}", Logs(), Adds(), [audit], Removals(), Queued(), Sent()), "first write");
        yield return (new StateUnit(key, StateUnitKind.Write, 1, "{}", [], Adds(), null, Removals(), Queued(), Sent()), "later write");
        yield return (new StateUnit(key, StateUnitKind.Clear, 2, null, []), "clear");
        // Each its own members: the seeding commits both, and a member claimed twice fails the second.
        IReadOnlyList<KeyRow> Claims(string member) => [.. StateKeySets.All.Select(set => new KeyRow(set, owner, member, At))];
        yield return (new StateUnit(new StateRowKey("network", "plan-test", 0, 0, owner + "-claims"), StateUnitKind.Write, null, "{}", [], claims: Claims("claimed-1")),
            "first write with claims");
        yield return (new StateUnit(key, StateUnitKind.Write, 3, "{}", Logs(seq: 2), Adds(), [audit, audit with { Id = $"{owner}-audit-2" }], Removals(), Queued(), Sent(), claims: Claims("claimed-2")),
            "later write with claims");
        // The instance list's row as a part of the unit's statement (a step that leaves the tasks as they were).
        IReadOnlyList<object?> listed = [owner, owner, "/t", "review", 1, "waiting", At, At, null, 0, 0, 5L];
        yield return (new StateUnit(key, StateUnitKind.Write, 4, "{}", [], companion: new PostgresStateCompanion("workflow_instance_list rows",
            nameof(SqlWorkflowInstanceReadModel.InStatementPart), SqlWorkflowInstanceReadModel.InStatementPart, listed)), "later write with its list row");
        // A new instance's first write, with no tasks: its list row too.
        yield return (new StateUnit(new StateRowKey("network", "plan-test", 0, 0, owner + "-new"), StateUnitKind.Write, null, "{}", Logs(seq: 9), Adds(),
            companion: new PostgresStateCompanion("workflow_instance_list rows", nameof(SqlWorkflowInstanceReadModel.InStatementPart),
                SqlWorkflowInstanceReadModel.InStatementPart, [owner + "-new", owner + "-new", "/t", "review", 1, "waiting", At, At, null, 0, 0, 1L])),
            "first write with its list row");
    }

    /// <summary>A read model's statement with its <c>@name</c> parameters numbered in order of first use, as Npgsql sends it.</summary>
    private static string Numbered(string sql)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return Regex.Replace(sql, @"@(\w+)", match =>
        {
            if (!numbers.TryGetValue(match.Groups[1].Value, out var number))
            {
                number = numbers.Count + 1;
                numbers[match.Groups[1].Value] = number;
            }
            return "$" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    private static async Task<JsonElement> GenericPlanAsync(NpgsqlConnection connection, string name, string text, string[]? types)
    {
        // The writer's parameters are typed as the store binds them; the reads' types PostgreSQL infers. Every value is
        // null: a generic plan is the same for all values.
        var parameters = types is null ? "" : $"({string.Join(", ", types)})";
        await using (var prepare = new NpgsqlCommand($"PREPARE {name}{parameters} AS {text};", connection))
        {
            await prepare.ExecuteNonQueryAsync();
        }
        await using var count = new NpgsqlCommand($"SELECT cardinality(parameter_types) FROM pg_prepared_statements WHERE name = '{name}';", connection);
        var arguments = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await using var explain = new NpgsqlCommand(
            $"EXPLAIN (FORMAT JSON) EXECUTE {name}({string.Join(", ", Enumerable.Repeat("NULL", arguments))});", connection);
        var json = (string)(await explain.ExecuteScalarAsync())!;
        return JsonDocument.Parse(json).RootElement[0].GetProperty("Plan").Clone();
    }

    /// <summary>
    /// What in a plan reads more than a key's rows: a sequential scan, an index scan with no condition, or a hash or merge
    /// join (each reads one side whole). A nested loop over the unit's own rows (its arrays) with a key look-up inside is
    /// the one join allowed; sorting the unit's own rows is fine.
    /// </summary>
    private static IEnumerable<string> Faults(JsonElement node)
    {
        var type = node.GetProperty("Node Type").GetString();
        var relation = node.TryGetProperty("Relation Name", out var r) ? r.GetString() : null;
        switch (type)
        {
            case "Seq Scan":
                yield return $"reads all of {relation}";
                break;
            case "Hash Join" or "Merge Join":
                yield return $"joins ({type})";
                break;
            case "Index Scan" or "Index Only Scan" or "Bitmap Index Scan" when !node.TryGetProperty("Index Cond", out _):
                yield return $"reads all of the index {node.GetProperty("Index Name").GetString()}";
                break;
        }
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var fault in children.EnumerateArray().SelectMany(Faults))
            {
                yield return fault;
            }
        }
    }

    private static string TypeName(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Varchar => "varchar",
        NpgsqlDbType.Text => "text",
        NpgsqlDbType.Bigint => "bigint",
        NpgsqlDbType.Integer => "integer",
        NpgsqlDbType.Json => "json",
        NpgsqlDbType.TimestampTz => "timestamptz",
        NpgsqlDbType.Boolean => "boolean",
        // A companion part's values are bound untyped; its text casts each.
        NpgsqlDbType.Unknown => "unknown",
        _ when type.HasFlag(NpgsqlDbType.Array) => TypeName(type & ~NpgsqlDbType.Array) + "[]",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "A parameter type this test does not name."),
    };
}
