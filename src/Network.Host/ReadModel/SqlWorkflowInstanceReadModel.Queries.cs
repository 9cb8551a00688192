using System.Data.Common;
using System.Globalization;
using System.Text;
using Network.Domain.ReadModel;

namespace Network.Host.ReadModel;

/// <summary>
/// The queries: instances of a subtree (by home tenant); tasks of a subtree (by home tenant or by an assignee tenant,
/// so a partner sees the tasks its role was given); one task by key. Count and page are read in one snapshot.
/// </summary>
public sealed partial class SqlWorkflowInstanceReadModel
{
    private const string InstanceColumns =
        "i.key, i.id, i.home_tenant, i.definition_id, i.definition_version, i.status, i.started_at, i.updated_at, i.next_due_at, " +
        "i.open_tasks, i.open_incidents, i.state_version";

    private const string TaskSelectColumns =
        "t.instance_key, t.instance_id, t.home_tenant, t.definition_id, t.task_id, t.step_id, t.assigned_to, t.title, t.due_at, " +
        "t.status, t.created_at, t.closed_at, t.state_version";

    /// <summary>Home tenant in scope, or an assignee tenant in scope (parameters named "scope").</summary>
    private static readonly string TaskScopeCondition =
        $"({TenantScope.Condition("t.home_tenant", "scope")} OR EXISTS (SELECT 1 FROM workflow_task_assignee s " +
        $"WHERE s.instance_key = t.instance_key AND s.task_id = t.task_id AND {TenantScope.Condition("s.tenant_path", "scope")}))";

    public async Task<WorkflowInstanceListPage> QueryInstancesAsync(WorkflowInstanceListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckPaging(query.Offset, query.Limit, nameof(query));
        var parameters = new List<KeyValuePair<string, object>>();
        TenantScope.Parse(query.Scope, nameof(query)).AddParameters("scope", parameters);
        var where = new StringBuilder(TenantScope.Condition("i.home_tenant", "scope"));
        if (query.Definition is not null)
        {
            where.Append(" AND i.definition_id = @definition");
            parameters.Add(new("definition", query.Definition));
        }
        if (query.Status is not null)
        {
            where.Append(" AND i.status = @status");
            parameters.Add(new("status", query.Status));
        }

        var page = await PageAsync(
            $"SELECT COUNT(*) FROM workflow_instance_list i WHERE {where};",
            $"""
            SELECT {InstanceColumns}
            FROM workflow_instance_list i
            WHERE {where}
            ORDER BY i.started_at DESC, i.id, i.key
            LIMIT @limit OFFSET @offset;
            """,
            parameters, query.Offset, query.Limit, ReadInstance, complete: null, cancellationToken).ConfigureAwait(false);
        return new WorkflowInstanceListPage(page.Items, page.Total);
    }

    public async Task<WorkflowTaskListPage> QueryTasksAsync(WorkflowTaskListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckPaging(query.Offset, query.Limit, nameof(query));
        var parameters = new List<KeyValuePair<string, object>>();
        TenantScope.Parse(query.Scope, nameof(query)).AddParameters("scope", parameters);
        var where = new StringBuilder(TaskScopeCondition);
        if (query.Status is not null)
        {
            where.Append(" AND t.status = @status");
            parameters.Add(new("status", query.Status));
        }
        if (query.AssignedTo is not null)
        {
            where.Append(" AND t.assigned_to = @assigned_to");
            parameters.Add(new("assigned_to", query.AssignedTo));
        }
        if (query.DueBefore is { } dueBefore)
        {
            where.Append(" AND t.due_at < @due_before");
            parameters.Add(new("due_before", _dialect.ToInstant(new DateTimeOffset(dueBefore.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))));
        }

        var page = await PageAsync(
            $"SELECT COUNT(*) FROM workflow_task_list t WHERE {where};",
            $"""
            SELECT {TaskSelectColumns}
            FROM workflow_task_list t
            WHERE {where}
            ORDER BY t.due_at NULLS LAST, t.created_at, t.instance_key, t.task_id
            LIMIT @limit OFFSET @offset;
            """,
            parameters, query.Offset, query.Limit, ReadTask, WithAssigneesAsync, cancellationToken).ConfigureAwait(false);
        return new WorkflowTaskListPage(page.Items, page.Total);
    }

    public async Task<WorkflowTaskListRow?> FindTaskAsync(string instanceKey, string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceKey);
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        var sql = $"SELECT {TaskSelectColumns} FROM workflow_task_list t WHERE t.instance_key = @key AND t.task_id = @task_id;";
        List<KeyValuePair<string, object>> parameters = [new("key", instanceKey), new("task_id", taskId)];

        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await _dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var rows = await ReadAsync(connection, transaction, sql, parameters, ReadTask, cancellationToken).ConfigureAwait(false);
                var found = await WithAssigneesAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return found.Count > 0 ? found[0] : null;
            }
        }
    }

    private static void CheckPaging(int offset, int limit, string parameterName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, parameterName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit, parameterName);
        ArgumentOutOfRangeException.ThrowIfNegative(offset, parameterName);
    }

    /// <summary>The total and one page, read in one snapshot so they agree.</summary>
    /// <param name="complete">Adds what the page's rows keep in other tables (the tasks' assignees), in the same snapshot.</param>
    private async Task<(List<TRow> Items, int Total)> PageAsync<TRow>(
        string countSql, string pageSql, List<KeyValuePair<string, object>> parameters, int offset, int limit,
        Func<DbDataReader, TRow> read, Func<DbConnection, DbTransaction, List<TRow>, CancellationToken, Task<List<TRow>>>? complete,
        CancellationToken cancellationToken)
    {
        var pageParameters = new List<KeyValuePair<string, object>>(parameters) { new("limit", limit), new("offset", offset) };
        var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await _dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var total = Convert.ToInt32(
                    await ReadModelCommands.ScalarAsync(connection, transaction, countSql, parameters, cancellationToken).ConfigureAwait(false),
                    CultureInfo.InvariantCulture);
                var items = total > offset
                    ? await ReadAsync(connection, transaction, pageSql, pageParameters, read, cancellationToken).ConfigureAwait(false)
                    : [];
                if (complete is not null)
                {
                    items = await complete(connection, transaction, items, cancellationToken).ConfigureAwait(false);
                }
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (items, total);
            }
        }
    }

    /// <summary>The task rows with their assignee tenants (in the order they were written), read with one query.</summary>
    private static async Task<List<WorkflowTaskListRow>> WithAssigneesAsync(
        DbConnection connection, DbTransaction transaction, List<WorkflowTaskListRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return rows;
        }
        var parameters = new List<KeyValuePair<string, object>>(rows.Count * 2);
        var conditions = new List<string>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            conditions.Add(string.Create(CultureInfo.InvariantCulture, $"(instance_key = @k{i} AND task_id = @t{i})"));
            parameters.Add(new(string.Create(CultureInfo.InvariantCulture, $"k{i}"), rows[i].InstanceKey));
            parameters.Add(new(string.Create(CultureInfo.InvariantCulture, $"t{i}"), rows[i].TaskId));
        }
        var sql = $"""
            SELECT instance_key, task_id, tenant_path FROM workflow_task_assignee
            WHERE {string.Join(" OR ", conditions)}
            ORDER BY instance_key, task_id, position;
            """;
        var found = await ReadAsync(connection, transaction, sql, parameters,
            r => (Key: r.GetString(0), Task: r.GetString(1), Path: r.GetString(2)), cancellationToken).ConfigureAwait(false);
        var assignees = found
            .GroupBy(a => (a.Key, a.Task))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(a => a.Path).ToList());
        return rows.ConvertAll(r => r with { AssigneeTenants = assignees.GetValueOrDefault((r.InstanceKey, r.TaskId)) ?? [] });
    }

    private WorkflowInstanceListRow ReadInstance(DbDataReader reader) => new(
        Key: reader.GetString(0),
        Id: reader.GetString(1),
        HomeTenant: reader.GetString(2),
        DefinitionId: reader.GetString(3),
        DefinitionVersion: Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
        Status: reader.GetString(5),
        StartedAt: _dialect.ReadInstant(reader, 6),
        UpdatedAt: _dialect.ReadInstant(reader, 7),
        NextDueAt: ReadInstantOrNull(reader, 8),
        OpenTasks: Convert.ToInt32(reader.GetValue(9), CultureInfo.InvariantCulture),
        OpenIncidents: Convert.ToInt32(reader.GetValue(10), CultureInfo.InvariantCulture),
        StateVersion: Convert.ToInt64(reader.GetValue(11), CultureInfo.InvariantCulture));

    private WorkflowTaskListRow ReadTask(DbDataReader reader) => new(
        InstanceKey: reader.GetString(0),
        InstanceId: reader.GetString(1),
        HomeTenant: reader.GetString(2),
        DefinitionId: reader.GetString(3),
        TaskId: reader.GetString(4),
        StepId: reader.GetString(5),
        AssignedTo: reader.GetString(6),
        AssigneeTenants: [],
        Title: reader.GetString(7),
        DueAt: ReadInstantOrNull(reader, 8),
        Status: reader.GetString(9),
        CreatedAt: _dialect.ReadInstant(reader, 10),
        ClosedAt: ReadInstantOrNull(reader, 11),
        StateVersion: Convert.ToInt64(reader.GetValue(12), CultureInfo.InvariantCulture));

    private DateTimeOffset? ReadInstantOrNull(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : _dialect.ReadInstant(reader, ordinal);

    private static async Task<List<TRow>> ReadAsync<TRow>(
        DbConnection connection, DbTransaction transaction, string sql, List<KeyValuePair<string, object>> parameters,
        Func<DbDataReader, TRow> read, CancellationToken cancellationToken)
    {
        var command = ReadModelDialect.Command(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<TRow>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(read(reader));
                }
                return rows;
            }
        }
    }
}
