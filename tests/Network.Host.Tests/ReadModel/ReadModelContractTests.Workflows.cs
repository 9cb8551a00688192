using Network.Domain.ReadModel;
using Network.Host.ReadModel;

namespace Network.Host.Tests.ReadModel;

/// <summary>
/// The workflow instance and task lists: version guard, task replacement, the scope rule (home or assignee tenant),
/// filters, order, paging, and many concurrent writers sharing the group commit.
/// </summary>
public abstract partial class ReadModelContractTests
{
    private static readonly DateTimeOffset Started = new(2017, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private async Task<SqlWorkflowInstanceReadModel> WorkflowsAsync() => new(DialectFor(await MigratedStorageAsync()));

    private static WorkflowInstanceListRow InstanceRow(
        string home, string id, long version = 1, string status = "waiting", string definition = "commitment-lifecycle",
        DateTimeOffset? started = null) =>
        new(TestReadModelSource.KeyOf(home, id), id, home, definition, 1, status, started ?? Started, (started ?? Started).AddHours(1),
            null, 1, 0, version);

    private static WorkflowTaskListRow TaskRow(
        WorkflowInstanceListRow instance, string taskId, string assignedTo = "owners", string[]? assignees = null,
        DateTimeOffset? due = null, string status = "open", int createdMinute = 0) =>
        new(instance.Key, instance.Id, instance.HomeTenant, instance.DefinitionId, taskId, "forum-progress-report", assignedTo,
            assignees ?? [instance.HomeTenant], $"Task {taskId} of {instance.Id}", due, status,
            Started.AddMinutes(createdMinute), status == "open" ? null : Started.AddDays(1), instance.StateVersion);

    private static void AssertSameTask(WorkflowTaskListRow expected, WorkflowTaskListRow? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { AssigneeTenants = [] }, actual with { AssigneeTenants = [] });
        Assert.Equal(expected.AssigneeTenants, actual.AssigneeTenants);
    }

    private static async Task<List<string>> InstanceIdsAsync(SqlWorkflowInstanceReadModel model, WorkflowInstanceListQuery query) =>
        (await model.QueryInstancesAsync(query)).Items.Select(r => r.Id).ToList();

    private static async Task<List<string>> TaskIdsAsync(SqlWorkflowInstanceReadModel model, WorkflowTaskListQuery query) =>
        (await model.QueryTasksAsync(query)).Items.Select(r => r.TaskId).ToList();

    [Fact]
    public async Task Workflow_rows_round_trip_every_field()
    {
        await using var model = await WorkflowsAsync();
        var instance = new WorkflowInstanceListRow(
            "network/tmp|commitment-lifecycle--c1", "commitment-lifecycle--c1", "network/tmp", "commitment-lifecycle", 3, "incident",
            new DateTimeOffset(2017, 3, 21, 10, 11, 12, TimeSpan.FromHours(2)).AddTicks(1234560), Started.AddDays(2),
            new DateTimeOffset(2017, 4, 1, 0, 0, 0, TimeSpan.Zero), 1, 2, 7);
        var open = new WorkflowTaskListRow(
            instance.Key, instance.Id, "network/tmp", "commitment-lifecycle", "t4", "forum-progress-report", "owners",
            ["network/tmp/europe", "network/gcm"], "Progress report for the forum on c1 — « ü »", Started.AddDays(30), "open",
            Started.AddDays(1), null, 7);
        var done = open with { TaskId = "t2", StepId = "ask", AssignedTo = "tenant-coordinator", AssigneeTenants = ["network/tmp"],
            DueAt = null, Status = "completed", ClosedAt = Started.AddDays(3) };

        await model.UpsertAsync(instance, [open, done]);

        var listed = Assert.Single((await model.QueryInstancesAsync(new WorkflowInstanceListQuery("network"))).Items);
        Assert.Equal(instance, listed);
        Assert.Equal(TimeSpan.Zero, listed.StartedAt.Offset);
        AssertSameTask(open, await model.FindTaskAsync(instance.Key, "t4"));
        AssertSameTask(done, await model.FindTaskAsync(instance.Key, "t2"));
        AssertSameTask(open, Assert.Single((await model.QueryTasksAsync(new WorkflowTaskListQuery("network/gcm"))).Items));
        Assert.Null(await model.FindTaskAsync(instance.Key, "t3"));
        Assert.Null(await model.FindTaskAsync("network/tmp|other", "t4"));
    }

    [Fact]
    public async Task Only_a_newer_instance_version_changes_its_rows_and_it_replaces_all_its_tasks()
    {
        await using var model = await WorkflowsAsync();
        var v5 = InstanceRow("network/tmp", "i1", version: 5);
        await model.UpsertAsync(v5, [TaskRow(v5, "t1", assignees: ["network/gcm", "network/ici"]), TaskRow(v5, "t2")]);

        // Older and equal versions: a late or replayed write changes nothing, tasks and assignees included.
        var v4 = InstanceRow("network/tmp", "i1", version: 4, status: "completed");
        await model.UpsertAsync(v4, [TaskRow(v4, "t1", status: "completed", assignees: ["network/tm"])]);
        var again5 = InstanceRow("network/tmp", "i1", version: 5, status: "cancelled");
        await model.UpsertAsync(again5, []);
        var kept = Assert.Single((await model.QueryInstancesAsync(new WorkflowInstanceListQuery("network"))).Items);
        Assert.Equal((5L, "waiting"), (kept.StateVersion, kept.Status));
        Assert.Equal(["t1", "t2"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network", Status: null)));
        Assert.Equal(["network/gcm", "network/ici"], (await model.FindTaskAsync(v5.Key, "t1"))!.AssigneeTenants);

        // A newer version: t1 changes and moves to other assignees, t2 is gone, t3 is new.
        var v6 = InstanceRow("network/tmp", "i1", version: 6, status: "completed");
        await model.UpsertAsync(v6, [TaskRow(v6, "t1", status: "completed", assignees: ["network/tmp/europe"]), TaskRow(v6, "t3", assignees: ["network/ici"])]);
        Assert.Equal("completed", Assert.Single((await model.QueryInstancesAsync(new WorkflowInstanceListQuery("network"))).Items).Status);
        Assert.Equal(["t1", "t3"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network", Status: null)));
        AssertSameTask(TaskRow(v6, "t1", status: "completed", assignees: ["network/tmp/europe"]), await model.FindTaskAsync(v6.Key, "t1"));
        Assert.Null(await model.FindTaskAsync(v6.Key, "t2"));
        Assert.Empty(await TaskIdsAsync(model, new WorkflowTaskListQuery("network/gcm", Status: null)));
        Assert.Equal(["t3"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network/ici")));

        // And no tasks at all clears them.
        await model.UpsertAsync(InstanceRow("network/tmp", "i1", version: 7), []);
        Assert.Empty(await TaskIdsAsync(model, new WorkflowTaskListQuery("network", Status: null)));
    }

    [Fact]
    public async Task A_write_without_tasks_leaves_the_task_rows_and_a_batch_keeps_the_last_tasks_named()
    {
        await using var model = await WorkflowsAsync();
        var v1 = InstanceRow("network/tmp", "i2", version: 1);
        await model.UpsertAsync(v1, [TaskRow(v1, "t1", assignees: ["network/gcm"])]);

        await model.UpsertAsync(InstanceRow("network/tmp", "i2", version: 2, status: "running"), tasks: null);

        Assert.Equal("running", Assert.Single((await model.QueryInstancesAsync(new WorkflowInstanceListQuery("network"))).Items).Status);
        AssertSameTask(TaskRow(v1, "t1", assignees: ["network/gcm"]), await model.FindTaskAsync(v1.Key, "t1"));

        // Written together (one transaction where the writes are grouped): the newest names no tasks, so the task rows
        // are those of the newest write before it that named them.
        var v3 = InstanceRow("network/tmp", "i2", version: 3);
        var v4 = InstanceRow("network/tmp", "i2", version: 4, status: "completed");
        await Task.WhenAll(model.UpsertAsync(v3, [TaskRow(v3, "t3")]), model.UpsertAsync(v4, tasks: null));

        Assert.Equal("completed", Assert.Single((await model.QueryInstancesAsync(new WorkflowInstanceListQuery("network"))).Items).Status);
        Assert.Equal(["t3"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network", Status: null)));
    }

    [Fact]
    public async Task An_instance_is_in_scope_by_its_home_and_a_task_also_by_an_assignee()
    {
        await using var model = await WorkflowsAsync();
        async Task Put(string home, string id, params string[] assignees)
        {
            var instance = InstanceRow(home, id);
            await model.UpsertAsync(instance, [TaskRow(instance, "t-" + id, assignees: assignees.Length == 0 ? null : assignees)]);
        }
        await Put("network/tmp", "a");
        await Put("network/tmp/europe", "b");
        await Put("network/gcm", "c", "network/tmp/europe", "network/ici");
        await Put("network/tm", "d");
        await Put("network/tmp-x", "e");
        await Put("network/tmp0", "f", "network/tmp0/sub");

        async Task<List<string>> Instances(string scope) => (await InstanceIdsAsync(model, new WorkflowInstanceListQuery(scope))).Order(StringComparer.Ordinal).ToList();
        async Task<List<string>> Tasks(string scope) => (await TaskIdsAsync(model, new WorkflowTaskListQuery(scope))).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["a", "b"], await Instances("network/tmp"));
        Assert.Equal(["t-a", "t-b", "t-c"], await Tasks("network/tmp"));
        Assert.Equal(["b"], await Instances("network/tmp/europe"));
        Assert.Equal(["t-b", "t-c"], await Tasks("network/tmp/europe"));
        Assert.Empty(await Instances("network/ici"));
        Assert.Equal(["t-c"], await Tasks("network/ici"));
        Assert.Equal(["d"], await Instances("network/tm"));
        Assert.Equal(["t-d"], await Tasks("network/tm"));
        Assert.Equal(["t-e"], await Tasks("network/tmp-x"));
        Assert.Equal(["t-f"], await Tasks("network/tmp0"));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], await Instances("network"));
        Assert.Equal(6, (await model.QueryTasksAsync(new WorkflowTaskListQuery("network"))).Total);
        Assert.Empty(await Tasks("net"));
        Assert.Empty(await Instances("other"));
    }

    [Fact]
    public async Task Instances_filter_by_definition_and_status_and_page_newest_first()
    {
        await using var model = await WorkflowsAsync();
        var starts = new (string Id, int Day, string Status, string Definition)[]
        {
            ("c", 3, "waiting", "commitment-lifecycle"), ("a", 3, "completed", "commitment-lifecycle"), ("b", 5, "waiting", "dependency-wait"),
            ("e", 1, "incident", "commitment-lifecycle"), ("d", 4, "waiting", "commitment-lifecycle"), ("f", 2, "cancelled", "campaign-launch"),
        };
        foreach (var (id, day, status, definition) in starts)
        {
            await model.UpsertAsync(InstanceRow("network/tmp", id, status: status, definition: definition, started: Started.AddDays(day)), []);
        }
        await model.UpsertAsync(InstanceRow("network/gcm", "z", started: Started.AddDays(9)), []);

        // Newest start first; the same start in id order.
        var expected = new[] { "b", "d", "a", "c", "f", "e" };
        var all = await model.QueryInstancesAsync(new WorkflowInstanceListQuery("network/tmp"));
        Assert.Equal(expected, all.Items.Select(i => i.Id));
        Assert.Equal(6, all.Total);

        Assert.Equal(["d", "a", "c", "e"], await InstanceIdsAsync(model, new WorkflowInstanceListQuery("network/tmp", Definition: "commitment-lifecycle")));
        Assert.Equal(["z", "b", "d", "c"], await InstanceIdsAsync(model, new WorkflowInstanceListQuery("network", Status: "waiting")));
        Assert.Equal(["d", "c"], await InstanceIdsAsync(model, new WorkflowInstanceListQuery("network/tmp", Definition: "commitment-lifecycle", Status: "waiting")));
        Assert.Empty(await InstanceIdsAsync(model, new WorkflowInstanceListQuery("network/tmp", Definition: "commitment")));

        var pages = new List<WorkflowInstanceListPage>();
        for (var offset = 0; offset < 8; offset += 4)
        {
            pages.Add(await model.QueryInstancesAsync(new WorkflowInstanceListQuery("network/tmp", Offset: offset, Limit: 4)));
        }
        Assert.Equal([4, 2], pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.Equal(6, p.Total));
        Assert.Equal(expected, pages.SelectMany(p => p.Items).Select(i => i.Id));
        var beyond = await model.QueryInstancesAsync(new WorkflowInstanceListQuery("network/tmp", Offset: 40));
        Assert.Equal((0, 6), (beyond.Items.Count, beyond.Total));
    }

    [Fact]
    public async Task Tasks_filter_by_status_role_and_due_date_and_page_by_due_time_undated_last()
    {
        await using var model = await WorkflowsAsync();
        var one = InstanceRow("network/tmp", "i1");
        var two = InstanceRow("network/gcm", "i2");
        await model.UpsertAsync(one,
        [
            TaskRow(one, "t1", due: new DateTimeOffset(2017, 6, 30, 0, 0, 0, TimeSpan.Zero), createdMinute: 1),
            TaskRow(one, "t2", assignedTo: "tenant-coordinator", due: null, createdMinute: 2),
            TaskRow(one, "t3", due: new DateTimeOffset(2017, 5, 31, 23, 59, 59, TimeSpan.Zero), status: "completed", createdMinute: 3),
            TaskRow(one, "t4", assignedTo: "tenant-coordinator", due: null, createdMinute: 0),
        ]);
        await model.UpsertAsync(two,
        [
            TaskRow(two, "t5", due: new DateTimeOffset(2017, 6, 30, 0, 0, 0, TimeSpan.Zero), createdMinute: 0, assignees: ["network/tmp"]),
            TaskRow(two, "t6", due: new DateTimeOffset(2017, 6, 1, 0, 0, 0, TimeSpan.Zero), status: "cancelled"),
        ]);

        // Open by default; the same due time in the order the tasks opened; undated last.
        Assert.Equal(["t5", "t1", "t4", "t2"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network")));
        Assert.Equal(["t3", "t6", "t5", "t1", "t4", "t2"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network", Status: null)));
        Assert.Equal(["t3"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network", Status: "completed")));
        Assert.Equal(["t4", "t2"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network", AssignedTo: "tenant-coordinator")));
        Assert.Empty(await TaskIdsAsync(model, new WorkflowTaskListQuery("network", AssignedTo: "owner")));
        // Due before a date: before its first moment (UTC), so 30 June 00:00 is not before 30 June.
        Assert.Equal(["t3", "t6"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network", Status: null, DueBefore: new DateOnly(2017, 6, 30))));
        Assert.Equal(["t3"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network", Status: null, DueBefore: new DateOnly(2017, 6, 1))));
        Assert.Equal(["t5", "t1"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network", DueBefore: new DateOnly(2017, 7, 1))));
        Assert.Equal(["t5", "t1"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network/tmp", AssignedTo: "owners")));

        var page = await model.QueryTasksAsync(new WorkflowTaskListQuery("network", Status: null, Offset: 2, Limit: 3));
        Assert.Equal(["t5", "t1", "t4"], page.Items.Select(t => t.TaskId));
        Assert.Equal(6, page.Total);
        Assert.Equal(["network/tmp"], page.Items[0].AssigneeTenants);
        var none = await model.QueryTasksAsync(new WorkflowTaskListQuery("network/ici"));
        Assert.Equal((0, 0), (none.Items.Count, none.Total));
    }

    [Fact]
    public async Task Workflow_arguments_are_checked_and_a_bad_row_fails_only_its_own_caller()
    {
        await using var model = await WorkflowsAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => model.QueryInstancesAsync(new WorkflowInstanceListQuery("network", Limit: 0)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => model.QueryInstancesAsync(new WorkflowInstanceListQuery("network", Limit: 201)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => model.QueryTasksAsync(new WorkflowTaskListQuery("network", Offset: -1)));
        Assert.Empty((await model.QueryTasksAsync(new WorkflowTaskListQuery("network", Limit: 200))).Items);
        await Assert.ThrowsAsync<ArgumentException>(() => model.QueryTasksAsync(new WorkflowTaskListQuery("network/")));
        await Assert.ThrowsAsync<ArgumentException>(() => model.QueryInstancesAsync(new WorkflowInstanceListQuery("network/%")));

        var good = InstanceRow("network/tmp", "good");
        var bad = InstanceRow("network/tmp", "bad");
        var other = InstanceRow("network/tmp", "other");
        var writes = new[]
        {
            model.UpsertAsync(good, [TaskRow(good, "t1")]),
            model.UpsertAsync(bad, [TaskRow(bad, "t1", assignees: ["TMP"])]),
            model.UpsertAsync(bad, [TaskRow(other, "t1")]),
            model.UpsertAsync(bad, [TaskRow(bad, "t1"), TaskRow(bad, "t1")]),
            model.UpsertAsync(bad with { HomeTenant = "network/" }, []),
        };
        await writes[0];
        foreach (var refused in writes[1..])
        {
            await Assert.ThrowsAsync<ArgumentException>(() => refused);
        }
        Assert.Equal(["good"], await InstanceIdsAsync(model, new WorkflowInstanceListQuery("network")));
    }

    [Fact]
    public async Task Concurrent_upserts_share_transactions_and_each_caller_reads_its_own_write()
    {
        await using var model = await WorkflowsAsync();
        var homes = new[] { "network/tmp", "network/gcm", "network/tmp/europe", "network/ici" };

        // 200 instances written at once, each by its own caller, which looks for its rows as soon as its write completes.
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var instance = InstanceRow(homes[i % homes.Length], $"i{i:000}", started: Started.AddMinutes(i));
            await model.UpsertAsync(instance, [TaskRow(instance, "t1", assignees: [$"network/p{i % 7}"])]);
            Assert.NotNull(await model.FindTaskAsync(instance.Key, "t1"));
            Assert.Contains(instance.Id, await InstanceIdsAsync(model, new WorkflowInstanceListQuery(instance.HomeTenant, Limit: 200)));
        })));

        Assert.Equal(200, (await model.QueryInstancesAsync(new WorkflowInstanceListQuery("network"))).Total);
        Assert.Equal(100, (await model.QueryTasksAsync(new WorkflowTaskListQuery("network/tmp"))).Total);
        Assert.Equal(29, (await model.QueryTasksAsync(new WorkflowTaskListQuery("network/p0"))).Total);

        // Writes of one instance racing with each other (and coalesced within a batch) end at the newest version.
        var versions = Enumerable.Range(1, 40).OrderBy(_ => Random.Shared.Next()).ToList();
        await Task.WhenAll(versions.Select(v => Task.Run(() =>
        {
            var instance = InstanceRow("network/tmp", "raced", version: v);
            return model.UpsertAsync(instance, [TaskRow(instance, $"t{v}", assignees: [$"network/o{v}"])]);
        })));
        var raced = Assert.Single((await model.QueryInstancesAsync(new WorkflowInstanceListQuery("network/tmp", Definition: "commitment-lifecycle", Limit: 200))).Items,
            i => i.Id == "raced");
        Assert.Equal(40, raced.StateVersion);
        Assert.Equal(["t40"], await TaskIdsAsync(model, new WorkflowTaskListQuery("network/o40")));
        Assert.Empty(await TaskIdsAsync(model, new WorkflowTaskListQuery("network/o39")));
    }

    [Fact]
    public async Task Disposing_writes_what_is_queued_and_refuses_later_writes()
    {
        var storage = await MigratedStorageAsync();
        var model = new SqlWorkflowInstanceReadModel(storage);
        var writes = Enumerable.Range(0, 50).Select(i => model.UpsertAsync(InstanceRow("network/tmp", $"i{i}"), [])).ToList();

        await model.DisposeAsync();

        // Written by the time disposal returns, before any caller looked at its own answer.
        await using var reader = new SqlWorkflowInstanceReadModel(storage);
        Assert.Equal(50, (await reader.QueryInstancesAsync(new WorkflowInstanceListQuery("network"))).Total);
        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => model.UpsertAsync(InstanceRow("network/tmp", "late"), []));
    }
}
