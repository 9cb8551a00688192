using System.Collections.Concurrent;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;

namespace Network.Domain.Tests.Support;

/// <summary>
/// The read models kept in memory, for grain tests that look at grain behaviour, not at lists. The real read models
/// (SQLite and PostgreSQL, with their queries) are tested against real databases in Network.Host.Tests.
/// </summary>
public sealed class InMemoryReadModels : ICommitmentReadModel, ITenantReadModel, IWorkflowInstanceReadModel, ICampaignReadModel
{
    private readonly ConcurrentDictionary<string, CampaignListRow> _campaigns = new();
    private readonly ConcurrentDictionary<string, CommitmentListRow> _commitments = new();
    private readonly ConcurrentDictionary<string, int> _failingUpserts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TenantListRow> _tenants = new();
    private readonly ConcurrentDictionary<string, (WorkflowInstanceListRow Instance, IReadOnlyList<WorkflowTaskListRow> Tasks)> _instances = new();

    public Task UpsertAsync(CommitmentListRow row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (_failingUpserts.TryGetValue(row.Key, out var left) && left > 0 && _failingUpserts.TryUpdate(row.Key, left - 1, left))
        {
            throw new InvalidOperationException($"The test read model refused this upsert of {row.Key}.");
        }
        _commitments.AddOrUpdate(row.Key, row, (_, existing) => existing.StateVersion < row.StateVersion ? row : existing);
        return Task.CompletedTask;
    }

    /// <summary>The next <paramref name="times"/> upserts of this commitment's row fail, as a lost database connection would.</summary>
    public void FailNextUpserts(string commitmentKey, int times) => _failingUpserts[commitmentKey] = times;

    public Task<IReadOnlyList<CommitmentListRow>> FindAsync(string scope, string id, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CommitmentListRow>>(InScope(scope).Where(r => r.Id == id).OrderBy(r => r.HomeTenant.Length).ToList());

    public Task<CommitmentListPage> QueryAsync(CommitmentListQuery query, CancellationToken cancellationToken = default)
    {
        var rows = InScope(query.Scope).OrderBy(r => r.DueOn).ThenBy(r => r.Id).ToList();
        return Task.FromResult(new CommitmentListPage(rows.Skip(query.Offset).Take(query.Limit).ToList(), rows.Count));
    }

    public Task<IReadOnlyList<SessionCountRow>> SessionsAsync(string scope, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SessionCountRow>>(InScope(scope)
            .GroupBy(r => (r.HomeTenant, r.SessionId))
            .OrderBy(g => g.Key.HomeTenant, StringComparer.Ordinal).ThenBy(g => g.Key.SessionId, StringComparer.Ordinal)
            .Select(g => new SessionCountRow(g.Key.HomeTenant, g.Key.SessionId,
                g.GroupBy(r => r.Status).ToDictionary(s => s.Key, s => s.Count(), StringComparer.Ordinal)))
            .ToList());

    public CommitmentListRow? Row(string key) => _commitments.GetValueOrDefault(key);

    public Task UpsertAsync(TenantListRow row, CancellationToken cancellationToken = default)
    {
        _tenants.AddOrUpdate(row.Path, row, (_, existing) => existing.StateVersion < row.StateVersion ? row : existing);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TenantListRow>> SubtreeAsync(string scope, CancellationToken cancellationToken = default)
    {
        var root = TenantPath.Parse(scope);
        return Task.FromResult<IReadOnlyList<TenantListRow>>(_tenants.Values.Where(t => root.Contains(TenantPath.Parse(t.Path))).ToList());
    }

    private IEnumerable<CommitmentListRow> InScope(string scope)
    {
        var root = TenantPath.Parse(scope);
        return _commitments.Values.Where(r => root.Contains(TenantPath.Parse(r.HomeTenant)) || r.Owners.Any(o => root.Contains(TenantPath.Parse(o))));
    }

    public Task UpsertAsync(WorkflowInstanceListRow instance, IReadOnlyList<WorkflowTaskListRow>? tasks, CancellationToken cancellationToken = default)
    {
        // As the SQL version: no tasks given leaves the task rows as they are.
        _instances.AddOrUpdate(instance.Key, (instance, tasks ?? []),
            (_, existing) => existing.Instance.StateVersion < instance.StateVersion ? (instance, tasks ?? existing.Tasks) : existing);
        return Task.CompletedTask;
    }

    public Task<WorkflowInstanceListPage> QueryInstancesAsync(WorkflowInstanceListQuery query, CancellationToken cancellationToken = default)
    {
        var root = TenantPath.Parse(query.Scope);
        var rows = _instances.Values.Select(e => e.Instance)
            .Where(i => root.Contains(TenantPath.Parse(i.HomeTenant)))
            .Where(i => query.Definition is null || i.DefinitionId == query.Definition)
            .Where(i => query.Status is null || i.Status == query.Status)
            .OrderByDescending(i => i.StartedAt).ThenBy(i => i.Id, StringComparer.Ordinal).ThenBy(i => i.Key, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new WorkflowInstanceListPage(rows.Skip(query.Offset).Take(query.Limit).ToList(), rows.Count));
    }

    /// <summary>As the SQL version: in scope by home or assignee tenant, undated tasks last.</summary>
    public Task<WorkflowTaskListPage> QueryTasksAsync(WorkflowTaskListQuery query, CancellationToken cancellationToken = default)
    {
        var root = TenantPath.Parse(query.Scope);
        var dueBefore = query.DueBefore is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
        var rows = _instances.Values.SelectMany(e => e.Tasks)
            .Where(t => root.Contains(TenantPath.Parse(t.HomeTenant)) || t.AssigneeTenants.Any(a => root.Contains(TenantPath.Parse(a))))
            .Where(t => query.Status is null || t.Status == query.Status)
            .Where(t => query.AssignedTo is null || t.AssignedTo == query.AssignedTo)
            .Where(t => dueBefore is null || t.DueAt < dueBefore)
            .OrderBy(t => t.DueAt is null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
            .ThenBy(t => t.InstanceKey, StringComparer.Ordinal).ThenBy(t => t.TaskId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new WorkflowTaskListPage(rows.Skip(query.Offset).Take(query.Limit).ToList(), rows.Count));
    }

    public Task<WorkflowTaskListRow?> FindTaskAsync(string instanceKey, string taskId, CancellationToken cancellationToken = default) =>
        Task.FromResult(TaskRows(instanceKey).FirstOrDefault(t => t.TaskId == taskId));

    public WorkflowInstanceListRow? InstanceRow(string key) => _instances.TryGetValue(key, out var found) ? found.Instance : null;

    public IReadOnlyList<WorkflowTaskListRow> TaskRows(string key) => _instances.TryGetValue(key, out var found) ? found.Tasks : [];

    public Task UpsertAsync(CampaignListRow row, CancellationToken cancellationToken = default)
    {
        _campaigns.AddOrUpdate(row.Key, row, (_, existing) => existing.StateVersion < row.StateVersion ? row : existing);
        return Task.CompletedTask;
    }

    public Task<CampaignListPage> QueryAsync(CampaignListQuery query, CancellationToken cancellationToken = default)
    {
        var root = TenantPath.Parse(query.Scope);
        bool InScope(string path) => query.Descendants ? root.Contains(TenantPath.Parse(path)) : path == query.Scope;
        var rows = _campaigns.Values.Where(c => InScope(c.HomeTenant) || c.Partners.Any(InScope))
            .OrderBy(c => c.LaunchOn is null).ThenByDescending(c => c.LaunchOn).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new CampaignListPage(rows.Skip(query.Offset).Take(query.Limit).ToList(), rows.Count));
    }
}
