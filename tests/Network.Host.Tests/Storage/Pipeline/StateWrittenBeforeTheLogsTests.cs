using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Storage.Pipeline;

/// <summary>
/// A database written before the journal and history tables existed keeps working: a commitment whose history, and an
/// instance whose journal, are still inside their stored state read back whole, and move to the tables at their next
/// write with their numbering intact. The old form is made from a real run by moving the rows back into the state,
/// exactly as the previous version stored them (the lines in the state's list, no stored count).
/// </summary>
public sealed class StateWrittenBeforeTheLogsTests
{
    [Fact]
    public async Task History_and_journal_inside_an_old_state_read_back_whole_and_move_to_their_tables_at_the_next_write()
    {
        using var directory = new TempDirectory("network-old-state");
        var database = directory.File("network.db");
        var settings = HostSettings.Sqlite(database, "bootstrap-" + Guid.NewGuid().ToString("N"));
        ForumScope scope;
        string commitmentId, instanceId, tabledId;
        CommitmentResource before, tabledBefore;
        List<JournalEntryResource> journalBefore;

        await using (var first = await HostProcess.StartAsync(settings))
        {
            using var root = first.CreateClient(settings.BootstrapKey);
            scope = await ForumScope.CreateAsync(root);
            using var coordinator = first.CreateClient(scope.CoordinatorKey);
            var ids = await scope.ImportSessionCAsync(coordinator);
            (commitmentId, tabledId) = (ids[0], ids[1]);
            instanceId = "commitment-lifecycle--" + commitmentId;
            await ProgressAsync(coordinator, scope, commitmentId, "limited", "Drafted");
            await ProgressAsync(coordinator, scope, commitmentId, "substantial", "Launched on 21 March");
            before = (await coordinator.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{commitmentId}"))!;
            await ProgressAsync(coordinator, scope, tabledId, "limited", "Started");
            await AssignSameOwnersAsync(coordinator, scope, tabledId);
            tabledBefore = (await coordinator.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{tabledId}"))!;
            journalBefore = await Eventually.ReadAsync(
                async () => (await coordinator.GetFromJsonAsync<List<JournalEntryResource>>($"api/tenants/{scope.Forum.Id}/workflow-instances/{instanceId}/journal"))!,
                j => j.Count > 0);
        }

        await using (var connection = await OpenAsync(database))
        {
            await MoveLogBackIntoStateAsync(connection, "commitment_history", "commitment", commitmentId, "history", "historyStored", state => state);
            await MoveLogBackIntoStateAsync(connection, "workflow_journal", "workflow-instance", instanceId, "journal", "journalStored", state => state["instance"]!.AsObject());
            // Neither version before kept the latest progress in the state: the one that had the tables wrote the
            // second commitment's history there.
            await ForgetStateFieldsAsync(connection, "commitment", commitmentId, "lastProgressAt", "lastProgressTracked");
            await ForgetStateFieldsAsync(connection, "commitment", tabledId, "lastProgressAt", "lastProgressTracked");
        }

        await using var second = await HostProcess.StartAsync(settings);
        using var again = second.CreateClient(scope.CoordinatorKey);
        var read = (await again.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{commitmentId}"))!;
        Assert.Equal(before.History, read.History);
        Assert.NotNull(before.LastProgressAt);
        Assert.Equal(before.LastProgressAt, read.LastProgressAt);
        // The latest entry changed the owners; the latest progress is found in the history table.
        var tabledRead = (await again.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{tabledId}"))!;
        Assert.Equal("owners", tabledRead.History[^1].Kind);
        Assert.NotNull(tabledBefore.LastProgressAt);
        Assert.Equal(tabledBefore.History, tabledRead.History);
        Assert.Equal(tabledBefore.LastProgressAt, tabledRead.LastProgressAt);
        var journalRead = (await again.GetFromJsonAsync<List<JournalEntryResource>>($"api/tenants/{scope.Forum.Id}/workflow-instances/{instanceId}/journal"))!;
        Assert.Equal(journalBefore, journalRead);

        await ProgressAsync(again, scope, commitmentId, "complete", "Done");
        var after = (await again.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{commitmentId}"))!;
        Assert.Equal([.. before.History, after.History[^1]], after.History);
        var journalAfter = await Eventually.ReadAsync(
            async () => (await again.GetFromJsonAsync<List<JournalEntryResource>>($"api/tenants/{scope.Forum.Id}/workflow-instances/{instanceId}/journal"))!,
            j => j.Count > journalBefore.Count);
        Assert.Equal(journalBefore, journalAfter.Take(journalBefore.Count));

        await using var check = await OpenAsync(database);
        Assert.Equal(Enumerable.Range(1, after.History.Count).Select(i => (long)i), await SeqsAsync(check, "commitment_history", commitmentId));
        // A write's journal lines share a row (JournalRows): the lines in the rows, in order, are the whole journal.
        Assert.Equal(Enumerable.Range(1, journalAfter.Count).Select(i => (long)i), await JournalLineSeqsAsync(check, instanceId));
    }

    private static async Task ProgressAsync(HttpClient client, ForumScope scope, string commitmentId, string status, string note)
    {
        using var progress = await client.PostAsJsonAsync($"api/tenants/{scope.Forum.Id}/commitments/{commitmentId}/progress",
            new ReportProgressRequest(status, note));
        await Infrastructure.Api.EnsureStatusAsync(progress, HttpStatusCode.OK);
    }

    private static async Task AssignSameOwnersAsync(HttpClient client, ForumScope scope, string commitmentId)
    {
        var commitment = (await client.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{commitmentId}"))!;
        var owners = commitment.Owners.Where(o => o.Tenant is not null).Select(o => o.Tenant!).ToList();
        using var assigned = await client.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/commitments/{commitmentId}/owners",
            new AssignOwnersRequest(owners, "Owners confirmed"));
        await Infrastructure.Api.EnsureStatusAsync(assigned, HttpStatusCode.OK);
    }

    /// <summary>Removes fields a later version added from a commitment's stored state, as an earlier version wrote it.</summary>
    private static async Task ForgetStateFieldsAsync(SqliteConnection connection, string stateName, string localId, params string[] fields)
    {
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT grain_id_string, payload_json FROM orleans_grain_state WHERE grain_type = @type AND grain_id_string LIKE '%|' || @local";
        read.Parameters.AddWithValue("@type", stateName);
        read.Parameters.AddWithValue("@local", localId);
        string owner, payload;
        await using (var reader = await read.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            (owner, payload) = (reader.GetString(0), reader.GetString(1));
        }
        var root = JsonNode.Parse(payload)!.AsObject();
        foreach (var field in fields)
        {
            Assert.True(root.Remove(field), $"The stored state has no '{field}'.");
        }
        await using var write = connection.CreateCommand();
        write.CommandText = "UPDATE orleans_grain_state SET payload_json = @payload WHERE grain_type = @type AND grain_id_string = @owner";
        write.Parameters.AddWithValue("@payload", root.ToJsonString());
        write.Parameters.AddWithValue("@type", stateName);
        write.Parameters.AddWithValue("@owner", owner);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }

    private static async Task<SqliteConnection> OpenAsync(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Puts the owner's log rows back into its stored state's list, zeroes the stored count, and deletes the rows.</summary>
    private static async Task MoveLogBackIntoStateAsync(
        SqliteConnection connection, string table, string stateName, string localId, string listName, string countName, Func<JsonObject, JsonObject> holder)
    {
        var owner = "";
        var lines = new JsonArray();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT owner_key, entry_json FROM {table} WHERE owner_key LIKE '%|' || @local ORDER BY seq";
            read.Parameters.AddWithValue("@local", localId);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                owner = reader.GetString(0);
                foreach (var line in LinesOf(reader.GetString(1)))
                {
                    lines.Add(line);
                }
            }
        }
        Assert.NotEmpty(lines);
        string payload;
        await using (var state = connection.CreateCommand())
        {
            state.CommandText = "SELECT payload_json FROM orleans_grain_state WHERE grain_type = @type AND grain_id_string = @owner";
            state.Parameters.AddWithValue("@type", stateName);
            state.Parameters.AddWithValue("@owner", owner);
            payload = (string)(await state.ExecuteScalarAsync())!;
        }
        var root = JsonNode.Parse(payload)!.AsObject();
        var target = holder(root);
        Assert.Empty(target[listName]!.AsArray());
        target[listName] = lines;
        target.Remove(countName);
        await using var write = connection.CreateCommand();
        write.CommandText =
            $"UPDATE orleans_grain_state SET payload_json = @payload WHERE grain_type = @type AND grain_id_string = @owner; DELETE FROM {table} WHERE owner_key = @owner;";
        write.Parameters.AddWithValue("@payload", root.ToJsonString());
        write.Parameters.AddWithValue("@type", stateName);
        write.Parameters.AddWithValue("@owner", owner);
        await write.ExecuteNonQueryAsync();
    }

    /// <summary>The lines a row of a log holds: one (a JSON object), or a write's journal lines (a JSON array).</summary>
    private static List<JsonNode> LinesOf(string entryJson) => JsonNode.Parse(entryJson) switch
    {
        JsonArray many => [.. many.Select(line => line!.DeepClone())],
        var one => [one!],
    };

    private static async Task<List<long>> JournalLineSeqsAsync(SqliteConnection connection, string localId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT entry_json FROM workflow_journal WHERE owner_key LIKE '%|' || @local ORDER BY seq";
        command.Parameters.AddWithValue("@local", localId);
        var seqs = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            seqs.AddRange(LinesOf(reader.GetString(0)).Select(line => line["seq"]!.GetValue<long>()));
        }
        return seqs;
    }

    private static async Task<List<long>> SeqsAsync(SqliteConnection connection, string table, string localId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT seq FROM {table} WHERE owner_key LIKE '%|' || @local ORDER BY seq";
        command.Parameters.AddWithValue("@local", localId);
        var seqs = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            seqs.Add(reader.GetInt64(0));
        }
        return seqs;
    }
}
