using System.Text.Json.Nodes;
using Network.Contracts.Workflows;
using Network.Domain.Audit;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Workflows.Runtime;

namespace Network.Domain.Workflows;

/// <summary>
/// Workflow instances of a tenant: the list of its subtree's, start one, where one stands, its journal, tasks and
/// incidents; and what coordinators do to them (resolve an incident, cancel, migrate to another version).
/// </summary>
public sealed class WorkflowInstanceService(
    CallerAccess access, IWorkflowInstanceReadModel readModel, WorkflowDefinitionResolver definitions, IGrainFactory grains, Auditor auditor, Quotas.TenantQuotas quotas)
{
    /// <summary>The most instances one migration may move: enough for a network's commitments, small enough to answer at once.</summary>
    public const int MaxMigratedInstances = 500;

    /// <summary>From the read model: one query for the whole subtree, never a call to each instance.</summary>
    public async Task<WorkflowInstancePage> ListAsync(string tenantId, InstanceFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var scope = await access.TenantAsync(tenantId);
        if (filter.Definition is not null)
        {
            LocalIds.EnsureValid(filter.Definition, "definition");
        }
        if (filter.Status is not null && !WorkflowListStatuses.Instance.Contains(filter.Status, StringComparer.Ordinal))
        {
            throw new DomainValidationException("status", $"'{filter.Status}' is not one of {string.Join(", ", WorkflowListStatuses.Instance)}.");
        }
        ListPaging.Check(filter.Offset, filter.Limit);
        var query = new WorkflowInstanceListQuery(scope.Value, filter.Definition, filter.Status, filter.Offset, filter.Limit);
        var page = await readModel.QueryInstancesAsync(query, ct);
        return new WorkflowInstancePage(page.Items.Select(r => r.ToListItem()).ToList(), page.Total, query.Offset, query.Limit);
    }

    /// <summary>Starts an instance of a definition by hand. Coordinators only.</summary>
    public Task<WorkflowInstanceResource> StartAsync(string tenantId, StartInstanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return auditor.ChangeAsync(AuditActions.InstanceStart, tenantId, $"instance/{request.Id ?? request.Definition}", () => StartCoreAsync(tenantId, request));
    }

    private async Task<WorkflowInstanceResource> StartCoreAsync(string tenantId, StartInstanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var home = await access.TenantAsync(tenantId);
        CallerAccess.RequireCoordinator("start workflow instances");
        if (await definitions.ResolveAsync(home, request.Definition) is null)
        {
            throw new DomainValidationException("definition", $"There is no workflow '{request.Definition}'.");
        }
        var id = request.Id ?? InstanceIds.For(request.Definition, Guid.NewGuid().ToString("N")[..12]);
        LocalIds.EnsureValid(id, "id");
        await quotas.RequireRoomForInstancesAsync(home, 1);
        var summary = await grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(home, id))
            .Start(request.Definition, (request.Inputs ?? []).ToJsonString());
        return ToResource(summary);
    }

    public async Task<WorkflowInstanceResource> GetAsync(string tenantId, string instanceId)
    {
        var grain = await FindAsync(tenantId, instanceId);
        var summary = await grain.Describe() ?? throw new DomainNotFoundException($"No workflow instance '{instanceId}'.");
        return ToResource(summary);
    }

    /// <summary>The most journal lines one page holds.</summary>
    public const int MaxJournalPage = 1000;

    /// <summary>
    /// The instance's journal in order: all of it, or (with <paramref name="afterSeq"/> or <paramref name="limit"/>)
    /// at most <paramref name="limit"/> lines (default and most <see cref="MaxJournalPage"/>) after line <paramref name="afterSeq"/>.
    /// </summary>
    public async Task<IReadOnlyList<JournalEntryResource>> JournalAsync(string tenantId, string instanceId, long? afterSeq = null, int? limit = null)
    {
        var grain = await FindExistingAsync(tenantId, instanceId);
        var journal = afterSeq is null && limit is null
            ? await grain.Journal()
            : await grain.JournalPage(afterSeq ?? 0, Math.Clamp(limit ?? MaxJournalPage, 1, MaxJournalPage));
        return journal.Select(j => new JournalEntryResource(j.At, j.Kind, j.Step, j.Why, j.Outcome, j.Inputs, j.TraceId, j.Seq)).ToList();
    }

    public async Task<IReadOnlyList<WorkflowTaskResource>> TasksAsync(string tenantId, string instanceId)
    {
        var grain = await FindExistingAsync(tenantId, instanceId);
        return (await grain.Tasks()).Select(WorkflowMapping.ToResource).ToList();
    }

    /// <summary>
    /// Completes an open task of an instance of the tenant. The caller reaches the instance's home tenant (else it is
    /// not found), which is what <see cref="TaskRules.MayComplete"/> asks; tasks of other tenants' instances are
    /// completed through <see cref="TaskService.CompleteAsync"/>.
    /// </summary>
    public Task<WorkflowTaskResource> CompleteTaskAsync(string tenantId, string instanceId, string taskId, JsonObject? result) =>
        auditor.ChangeAsync(AuditActions.TaskComplete, tenantId, $"instance/{instanceId}/task/{taskId}", () => CompleteTaskCoreAsync(tenantId, instanceId, taskId, result));

    private async Task<WorkflowTaskResource> CompleteTaskCoreAsync(string tenantId, string instanceId, string taskId, JsonObject? result)
    {
        var grain = await FindExistingAsync(tenantId, instanceId);
        var task = await grain.CompleteTask(taskId, (result ?? []).ToJsonString());
        return task.ToResource();
    }

    public async Task<IReadOnlyList<WorkflowIncidentResource>> IncidentsAsync(string tenantId, string instanceId)
    {
        var grain = await FindExistingAsync(tenantId, instanceId);
        return (await grain.Incidents())
            .Select(i => new WorkflowIncidentResource(i.Id, i.Step, i.Error, i.Attempts, i.OpenedAt, i.Resolution)).ToList();
    }

    /// <summary>Retries or skips the failed step, or cancels the instance. Coordinators only. Answers the instance as it now stands.</summary>
    public Task<WorkflowInstanceResource> ResolveIncidentAsync(string tenantId, string instanceId, string incidentId, ResolveIncidentRequest request) =>
        auditor.ChangeAsync(AuditActions.IncidentResolve, tenantId, $"instance/{instanceId}/incident/{incidentId}", () => ResolveIncidentCoreAsync(tenantId, instanceId, incidentId, request));

    private async Task<WorkflowInstanceResource> ResolveIncidentCoreAsync(string tenantId, string instanceId, string incidentId, ResolveIncidentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var grain = await FindAsync(tenantId, instanceId);
        CallerAccess.RequireCoordinator("resolve incidents");
        await RequireExistsAsync(grain, instanceId);
        return ToResource(await grain.ResolveIncident(incidentId, request.Action));
    }

    /// <summary>Cancels the instance: its waits end and its open tasks are cancelled. Coordinators only.</summary>
    public Task<WorkflowInstanceResource> CancelAsync(string tenantId, string instanceId, CancelInstanceRequest request) =>
        auditor.ChangeAsync(AuditActions.InstanceCancel, tenantId, $"instance/{instanceId}", () => CancelCoreAsync(tenantId, instanceId, request));

    private async Task<WorkflowInstanceResource> CancelCoreAsync(string tenantId, string instanceId, CancelInstanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var grain = await FindAsync(tenantId, instanceId);
        CallerAccess.RequireCoordinator("cancel instances");
        await RequireExistsAsync(grain, instanceId);
        return ToResource(await grain.Cancel(request.Reason ?? ""));
    }

    /// <summary>
    /// Moves chosen instances to another version of their definition, all or none: every instance is checked first,
    /// and if any cannot move, <see cref="WorkflowMigrationRefusedException"/> names the problems and nothing moved.
    /// Coordinators only.
    /// </summary>
    public Task<MigrationResultResource> MigrateAsync(string tenantId, MigrateInstancesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A dry run moves nothing, so only a real migration is recorded.
        return request.DryRun
            ? MigrateCoreAsync(tenantId, request)
            : auditor.ChangeAsync(AuditActions.InstanceMigrate, tenantId, $"workflow/{request.Definition}", () => MigrateCoreAsync(tenantId, request));
    }

    private async Task<MigrationResultResource> MigrateCoreAsync(string tenantId, MigrateInstancesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var home = await access.TenantAsync(tenantId);
        CallerAccess.RequireCoordinator("migrate workflow instances");
        Check(request);
        var mapping = request.StepMapping ?? new Dictionary<string, string>();

        var chosen = new List<(string Id, IWorkflowInstanceGrain Grain, int FromVersion)>();
        for (var i = 0; i < request.Instances.Count; i++)
        {
            var id = request.Instances[i];
            var grain = grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(home, id));
            var summary = await grain.Describe() ?? throw new DomainNotFoundException($"No workflow instance '{id}' (instances[{i}]).");
            if (summary.DefinitionId != request.Definition)
            {
                throw new DomainValidationException($"instances[{i}]", $"'{id}' runs '{summary.DefinitionId}', not '{request.Definition}'.");
            }
            chosen.Add((id, grain, summary.DefinitionVersion));
        }

        // Every instance is checked before any moves, so a mapping that misses a step moves nothing.
        var checks = new List<MigratedInstanceResource>();
        foreach (var (id, grain, fromVersion) in chosen)
        {
            var outcome = await grain.Migrate(request.ToVersion, mapping, dryRun: true);
            checks.Add(Document(id, fromVersion, request.ToVersion, outcome));
        }
        if (checks.Any(c => c.Problems.Count > 0))
        {
            throw new WorkflowMigrationRefusedException(new MigrationResultResource(request.DryRun, checks));
        }
        if (request.DryRun)
        {
            return new MigrationResultResource(true, checks);
        }
        var moved = new List<MigratedInstanceResource>();
        foreach (var (id, grain, fromVersion) in chosen)
        {
            // An instance that moved on between the check and now may refuse; it is reported, the others still move.
            moved.Add(Document(id, fromVersion, request.ToVersion, await grain.Migrate(request.ToVersion, mapping, dryRun: false)));
        }
        return new MigrationResultResource(false, moved);
    }

    private static void Check(MigrateInstancesRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Definition))
        {
            throw new DomainValidationException("definition", "Name the definition whose instances move, e.g. 'commitment-lifecycle'.");
        }
        if (request.ToVersion < 1)
        {
            throw new DomainValidationException("toVersion", "Versions start at 1.");
        }
        if (request.Instances.Count is 0 or > MaxMigratedInstances)
        {
            throw new DomainValidationException("instances", $"List from 1 to {MaxMigratedInstances} instance ids.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Instances.Count; i++)
        {
            LocalIds.EnsureValid(request.Instances[i], $"instances[{i}]");
            if (!seen.Add(request.Instances[i]))
            {
                throw new DomainValidationException($"instances[{i}]", $"'{request.Instances[i]}' is listed twice.");
            }
        }
        foreach (var (from, to) in request.StepMapping ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(to))
            {
                throw new DomainValidationException($"stepMapping.{from}", "Map each step to the id of a step of the new version.");
            }
        }
    }

    private async Task<IWorkflowInstanceGrain> FindAsync(string tenantId, string instanceId)
    {
        var home = await access.TenantAsync(tenantId);
        LocalIds.EnsureValid(instanceId, "id");
        return grains.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(home, instanceId));
    }

    private async Task<IWorkflowInstanceGrain> FindExistingAsync(string tenantId, string instanceId)
    {
        var grain = await FindAsync(tenantId, instanceId);
        await RequireExistsAsync(grain, instanceId);
        return grain;
    }

    private static async Task RequireExistsAsync(IWorkflowInstanceGrain grain, string instanceId)
    {
        if (await grain.Describe() is null)
        {
            throw new DomainNotFoundException($"No workflow instance '{instanceId}'.");
        }
    }

    private static WorkflowInstanceResource ToResource(WorkflowInstanceSummary summary) => new(
        summary.Id, summary.DefinitionId, summary.DefinitionVersion, summary.Status, summary.StartedAt, summary.UpdatedAt,
        summary.NextDueAt, summary.WaitingAt);

    private static MigratedInstanceResource Document(string id, int fromVersion, int toVersion, WorkflowMigrationOutcome outcome) => new(
        id, fromVersion, toVersion, outcome.Migrated,
        outcome.Problems.Select(p => new MigrationProblem(p.Code, p.Step, p.Message)).ToList());
}
