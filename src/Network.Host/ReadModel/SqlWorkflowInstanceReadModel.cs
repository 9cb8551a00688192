using System.Data.Common;
using System.Globalization;
using Network.Domain.ReadModel;
using Network.Domain.Storage;
using Network.Host.Storage;

namespace Network.Host.ReadModel;

/// <summary>
/// The workflow instance and task lists in the <c>workflow_instance_list</c>, <c>workflow_task_list</c> and
/// <c>workflow_task_assignee</c> tables, on SQLite or PostgreSQL. This part writes; the queries are in the other.
/// </summary>
/// <remarks>
/// Every workflow step writes here, in the host in the instance's own state unit (<see cref="UpsertWithState"/>). Other
/// writes, in the host on SQLite, join the state pipeline's next batch (one writer for the file, see
/// <see cref="ReadModelDialect.WriteAsync"/>); elsewhere they go through a
/// <see cref="GroupCommit{TItem}"/>, so concurrent writes share one transaction instead of one commit each. Dispose
/// it (the host's container does, after the silo has stopped) so what is queued is written before the process ends.
/// </remarks>
public sealed partial class SqlWorkflowInstanceReadModel : IWorkflowInstanceReadModel, IAsyncDisposable, IDisposable
{
    /// <summary>The largest page the queries give.</summary>
    public const int MaxLimit = ListPaging.MaxLimit;

    /// <summary>The most instance upserts one transaction takes.</summary>
    public const int DefaultMaxBatch = 128;

    /// <summary>Task rows per INSERT statement: 13 parameters each stays far below both databases' parameter limits.</summary>
    private const int TaskRowsPerInsert = 100;

    private const string ListedColumns =
        "key, id, home_tenant, definition_id, definition_version, status, started_at, updated_at, next_due_at, open_tasks, open_incidents, state_version";

    // The column types, for the PostgreSQL part (InStatementPart), whose values have no column to take a type from.
    private static readonly string[] InstancePostgresTypes =
        ["text", "text", "text", "text", "integer", "text", "timestamptz", "timestamptz", "timestamptz", "integer", "integer", "bigint"];

    // Written or replaced only by a greater version; RETURNING gives a row only when it was.
    internal const string UpsertInstanceSql = "INSERT INTO workflow_instance_list (" + ListedColumns + ")\n" + """
        VALUES (@key, @id, @home_tenant, @definition_id, @definition_version, @status, @started_at, @updated_at, @next_due_at,
                @open_tasks, @open_incidents, @state_version)

        """ + InstanceReplaced + "\nRETURNING state_version;";

    private const string InstanceReplaced = """
        ON CONFLICT (key) DO UPDATE
        SET id = excluded.id,
            home_tenant = excluded.home_tenant,
            definition_id = excluded.definition_id,
            definition_version = excluded.definition_version,
            status = excluded.status,
            started_at = excluded.started_at,
            updated_at = excluded.updated_at,
            next_due_at = excluded.next_due_at,
            open_tasks = excluded.open_tasks,
            open_incidents = excluded.open_incidents,
            state_version = excluded.state_version
        WHERE workflow_instance_list.state_version < excluded.state_version
        """;

    /// <summary>
    /// The upsert as a part of a state unit's statement on PostgreSQL (<see cref="PostgresStateCompanion.Part"/>):
    /// the same row under the same version rule, written only when <paramref name="written"/> holds.
    /// </summary>
    internal static string InStatementPart(int first, string written) =>
        $"INSERT INTO workflow_instance_list ({ListedColumns}) SELECT " +
        string.Join(", ", InstancePostgresTypes.Select((type, i) => $"${first + i}::{type}")) +
        $" WHERE {written}\n{InstanceReplaced}";

    internal const string DeleteAssigneesSql = "DELETE FROM workflow_task_assignee WHERE instance_key = @key;";

    internal const string DeleteTasksSql = "DELETE FROM workflow_task_list WHERE instance_key = @key;";

    private const string TaskColumns =
        "instance_key, task_id, instance_id, home_tenant, definition_id, step_id, assigned_to, title, due_at, status, created_at, closed_at, state_version";

    private const string Written = "workflow_instance_list rows";

    private readonly ReadModelDialect _dialect;
    private readonly GroupCommit<Upsert> _writer;

    public SqlWorkflowInstanceReadModel(StorageOptions storage)
        : this(ReadModelDialect.For(storage))
    {
    }

    internal SqlWorkflowInstanceReadModel(ReadModelDialect dialect, int maxBatch = DefaultMaxBatch)
    {
        _dialect = dialect;
        _writer = new GroupCommit<Upsert>(WriteBatchAsync, maxBatch);
    }

    /// <summary>Queues the rows for the next transaction; completes once that transaction committed.</summary>
    /// <exception cref="ArgumentException">A row is incomplete, or names something that is not a tenant path.</exception>
    public async Task UpsertAsync(
        WorkflowInstanceListRow instance, IReadOnlyList<WorkflowTaskListRow>? tasks, CancellationToken cancellationToken = default)
    {
        // Checked here, so a bad row fails its own caller and never the transaction it would share with others.
        var upsert = Upsert.Checked(instance, tasks);
        if (_dialect.CommitsEachWrite)
        {
            await _writer.WriteAsync(upsert, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _dialect.WriteAsync(Written, (connection, transaction, token) => WriteAsync(connection, transaction, [upsert], token), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <remarks>
    /// A step that leaves the tasks as they were (most steps) writes one row, which on PostgreSQL goes in the unit's own
    /// statement (<see cref="InStatementPart"/>): no transaction of its own around the batch, one round trip. Task
    /// rows are replaced by statements that run after the batch in its transaction.
    /// </remarks>
    public IStateCompanion? UpsertWithState(WorkflowInstanceListRow instance, IReadOnlyList<WorkflowTaskListRow>? tasks)
    {
        var upsert = Upsert.Checked(instance, tasks);
        return (tasks is null
                ? _dialect.InStateStatement(Written, nameof(InStatementPart), InStatementPart, [.. InstanceParameters(instance).Select(p => p.Value)])
                : null)
            ?? _dialect.InStateUnit(Written, (connection, transaction, token) => WriteAsync(connection, transaction, [upsert], token));
    }

    /// <summary>Stops taking writes and returns once what was queued is written (or failed).</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <summary>
    /// The same, for a container disposed synchronously (a host in a <c>using</c> statement), which would otherwise
    /// refuse a service that is only <see cref="IAsyncDisposable"/>. The writer loop runs on the thread pool, so
    /// blocking here cannot deadlock it.
    /// </summary>
    public void Dispose() => _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Task WriteBatchAsync(IReadOnlyList<Upsert> batch, CancellationToken cancellationToken) =>
        _dialect.WriteAsync(Written, (connection, transaction, token) => WriteAsync(connection, transaction, batch, token), cancellationToken);

    /// <summary>The upserts, in the caller's transaction.</summary>
    private async Task WriteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<Upsert> batch, CancellationToken cancellationToken)
    {
        // Several writes of one instance in a batch: only the newest counts (the guard would skip the others anyway).
        // In key order, so two hosts writing overlapping batches (PostgreSQL) lock rows in one order, never a deadlock.
        // A newest write that left the tasks as they were takes them from the newest write before it that named them.
        var latest = batch
            .GroupBy(u => u.Instance.Key, StringComparer.Ordinal)
            .Select(g => g.MaxBy(u => u.Instance.StateVersion)! with
            {
                Tasks = g.OrderByDescending(u => u.Instance.StateVersion).FirstOrDefault(u => u.Tasks is not null)?.Tasks,
            })
            .OrderBy(u => u.Instance.Key, StringComparer.Ordinal);
        foreach (var upsert in latest)
        {
            var written = await ReadModelCommands.ScalarAsync(connection, transaction, UpsertInstanceSql, InstanceParameters(upsert.Instance), cancellationToken)
                .ConfigureAwait(false);
            // Null: the stored row has this version or a newer one; it and its tasks stay as they are. No tasks given:
            // they did not change since the caller's previous write.
            if (written is not null && upsert.Tasks is not null)
            {
                await ReplaceTasksAsync(connection, transaction, upsert, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private List<KeyValuePair<string, object>> InstanceParameters(WorkflowInstanceListRow row) =>
    [
        new("key", row.Key),
        new("id", row.Id),
        new("home_tenant", row.HomeTenant),
        new("definition_id", row.DefinitionId),
        new("definition_version", row.DefinitionVersion),
        new("status", row.Status),
        new("started_at", _dialect.ToInstant(row.StartedAt)),
        new("updated_at", _dialect.ToInstant(row.UpdatedAt)),
        new("next_due_at", Instant(row.NextDueAt)),
        new("open_tasks", row.OpenTasks),
        new("open_incidents", row.OpenIncidents),
        new("state_version", row.StateVersion),
    ];

    /// <summary>Deletes the instance's task and assignee rows and inserts the given ones, in the caller's transaction.</summary>
    private async Task ReplaceTasksAsync(DbConnection connection, DbTransaction? transaction, Upsert upsert, CancellationToken cancellationToken)
    {
        var key = new KeyValuePair<string, object>("key", upsert.Instance.Key);
        // Assignees first: both tables are cleared explicitly rather than by ON DELETE CASCADE, which SQLite
        // applies only on connections that turned foreign keys on.
        await ReadModelCommands.ExecuteAsync(connection, transaction, DeleteAssigneesSql, [key], cancellationToken).ConfigureAwait(false);
        await ReadModelCommands.ExecuteAsync(connection, transaction, DeleteTasksSql, [key], cancellationToken).ConfigureAwait(false);

        var taskRows = upsert.Tasks!.Select(t => new object[]
        {
            t.InstanceKey, t.TaskId, t.InstanceId, t.HomeTenant, t.DefinitionId, t.StepId, t.AssignedTo, t.Title,
            Instant(t.DueAt), t.Status, _dialect.ToInstant(t.CreatedAt), Instant(t.ClosedAt), t.StateVersion,
        });
        await InsertAsync(connection, transaction, "workflow_task_list", TaskColumns, taskRows, cancellationToken).ConfigureAwait(false);

        var assigneeRows = upsert.Tasks!.SelectMany(t => t.AssigneeTenants.Select((path, position) => new object[]
        {
            t.InstanceKey, t.TaskId, path, position,
        }));
        await InsertAsync(connection, transaction, "workflow_task_assignee", "instance_key, task_id, tenant_path, position", assigneeRows, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Inserts rows with multi-row VALUES statements of at most <see cref="TaskRowsPerInsert"/> rows each.</summary>
    private static async Task InsertAsync(
        DbConnection connection, DbTransaction? transaction, string table, string columns, IEnumerable<object[]> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(TaskRowsPerInsert))
        {
            var parameters = new List<KeyValuePair<string, object>>();
            var values = new List<string>(chunk.Length);
            for (var r = 0; r < chunk.Length; r++)
            {
                var names = new List<string>(chunk[r].Length);
                for (var c = 0; c < chunk[r].Length; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"r{r}c{c}");
                    names.Add("@" + name);
                    parameters.Add(new(name, chunk[r][c]));
                }
                values.Add($"({string.Join(", ", names)})");
            }
            await ReadModelCommands.ExecuteAsync(connection, transaction, $"INSERT INTO {table} ({columns}) VALUES {string.Join(", ", values)};", parameters, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>The parameter value of a nullable instant column.</summary>
    private object Instant(DateTimeOffset? instant) => instant is { } value ? _dialect.ToInstant(value) : DBNull.Value;



    /// <summary>One caller's write: the instance row and all its task rows (null: unchanged), checked and copied.</summary>
    private sealed record Upsert(WorkflowInstanceListRow Instance, IReadOnlyList<WorkflowTaskListRow>? Tasks)
    {
        public static Upsert Checked(WorkflowInstanceListRow instance, IReadOnlyList<WorkflowTaskListRow>? tasks)
        {
            ArgumentNullException.ThrowIfNull(instance);
            ArgumentException.ThrowIfNullOrEmpty(instance.Key, nameof(instance));
            ArgumentException.ThrowIfNullOrEmpty(instance.Id, nameof(instance));
            TenantScope.Parse(instance.HomeTenant, nameof(instance));
            ArgumentException.ThrowIfNullOrEmpty(instance.DefinitionId, nameof(instance));
            ArgumentException.ThrowIfNullOrEmpty(instance.Status, nameof(instance));
            if (tasks is null)
            {
                return new Upsert(instance, null);
            }

            var copies = new List<WorkflowTaskListRow>(tasks.Count);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var task in tasks)
            {
                ArgumentNullException.ThrowIfNull(task, nameof(tasks));
                if (!string.Equals(task.InstanceKey, instance.Key, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Task '{task.TaskId}' belongs to instance '{task.InstanceKey}', not '{instance.Key}'.", nameof(tasks));
                }
                ArgumentException.ThrowIfNullOrEmpty(task.TaskId, nameof(tasks));
                if (!ids.Add(task.TaskId))
                {
                    throw new ArgumentException($"Task '{task.TaskId}' is listed twice.", nameof(tasks));
                }
                TenantScope.Parse(task.HomeTenant, nameof(tasks));
                ArgumentNullException.ThrowIfNull(task.AssigneeTenants, nameof(tasks));
                var assignees = task.AssigneeTenants.Distinct(StringComparer.Ordinal).ToList();
                foreach (var assignee in assignees)
                {
                    TenantScope.Parse(assignee, nameof(tasks));
                }
                // A copy: the caller's lists may change after this returns, while the write is still queued.
                copies.Add(task with
                {
                    AssigneeTenants = assignees,
                    StepId = task.StepId ?? "",
                    AssignedTo = task.AssignedTo ?? "",
                    Title = task.Title ?? "",
                    Status = task.Status ?? "",
                });
            }
            return new Upsert(instance, copies);
        }
    }
}
