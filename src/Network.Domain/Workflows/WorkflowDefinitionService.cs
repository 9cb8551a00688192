using System.Globalization;
using Network.Contracts.Workflows;
using Network.Domain.Audit;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Tenancy;
using Network.Workflows.Definitions;
using Network.Workflows.Loading;
using Network.Workflows.Simulation;
using Network.Workflows.Validation;

namespace Network.Domain.Workflows;

/// <summary>
/// Workflow definitions as a tenant runs them: list, read (any visible version), versions, validate and simulate a
/// draft; and what coordinators change: publish a version (immutable; it overrides the parent's for the subtree)
/// and the tenant's values for a definition's settings.
/// </summary>
public sealed class WorkflowDefinitionService(CallerAccess access, WorkflowDefinitionResolver definitions, IGrainFactory grains, Auditor auditor)
{
    /// <summary>Longest span a simulation may cover: enough for a commitment's whole life, bounded for the server's sake.</summary>
    public static readonly TimeSpan MaxSimulatedSpan = TimeSpan.FromDays(3 * 366);

    private const string DraftFile = "draft.yaml";

    public async Task<IReadOnlyList<WorkflowSummaryResource>> ListAsync(string tenantId)
    {
        var path = await access.TenantAsync(tenantId);
        return (await definitions.EffectiveAsync(path)).Select(WorkflowDocuments.Summary).ToList();
    }

    /// <summary>The version the tenant runs, or <paramref name="version"/> of those it can see, with its YAML source.</summary>
    public async Task<WorkflowDefinitionResource> GetAsync(string tenantId, string definitionId, int? version = null)
    {
        var path = await access.TenantAsync(tenantId);
        if (version is { } asked)
        {
            ListPaging.InRange(asked, "version", 1, int.MaxValue);
        }
        var current = await definitions.ResolveAsync(path, definitionId) ?? throw new DomainNotFoundException($"No workflow '{definitionId}'.");
        var resolved = current;
        if (version is { } number && number != current.Definition.Version)
        {
            // The nearest publisher that has this version (a tenant's own, an ancestor's, or the library's).
            var visible = (await definitions.VersionsAsync(path, definitionId)).FirstOrDefault(v => v.Version == number)
                ?? throw new DomainNotFoundException($"No version {number} of workflow '{definitionId}' is visible to this tenant.");
            var definition = await definitions.FindVersionAsync(visible.Owner, definitionId, number)
                ?? throw new DomainNotFoundException($"No version {number} of workflow '{definitionId}' is visible to this tenant.");
            resolved = current with { Definition = definition, Owner = visible.Owner };
        }
        var source = await definitions.SourceAsync(resolved.Owner, definitionId, resolved.Definition.Version) ?? "";
        return new WorkflowDefinitionResource(WorkflowDocuments.Summary(resolved), source);
    }

    public async Task<IReadOnlyList<WorkflowVersionResource>> VersionsAsync(string tenantId, string definitionId)
    {
        var path = await access.TenantAsync(tenantId);
        var current = await definitions.ResolveAsync(path, definitionId) ?? throw new DomainNotFoundException($"No workflow '{definitionId}'.");
        var versions = await definitions.VersionsAsync(path, definitionId);
        return versions.Select(v => new WorkflowVersionResource(
            v.Id, v.Version, v.Title, v.Owner?.TenantId, v.PublishedAt, v.PublishedBy,
            v.Owner == current.Owner && v.Version == current.Definition.Version)).ToList();
    }

    /// <summary>Checks a draft as publishing would; the answer names every problem (Valid false when there are any).</summary>
    public async Task<WorkflowValidationResource> ValidateAsync(string tenantId, string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var path = await access.TenantAsync(tenantId);
        var known = (await definitions.EffectiveAsync(path)).Select(d => d.Definition.Id).ToList();
        return WorkflowDocuments.Validation(WorkflowPublishCheck.Check(yaml, DraftFile, known));
    }

    /// <summary>Runs the definition the tenant runs, with its settings, on a virtual clock with scripted events.</summary>
    public async Task<SimulationResultResource> SimulateAsync(string tenantId, string definitionId, SimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = await access.TenantAsync(tenantId);
        var effective = await definitions.EffectiveAsync(path);
        var resolved = effective.FirstOrDefault(d => d.Definition.Id == definitionId) ?? throw new DomainNotFoundException($"No workflow '{definitionId}'.");
        return Simulate(resolved.Definition, resolved.Settings, effective, request);
    }

    /// <summary>
    /// Runs a draft not yet published, with the tenant's own values for the settings of a definition of that id (if it
    /// runs one). A draft that would not publish is refused with its problems.
    /// </summary>
    public async Task<SimulationResultResource> SimulateDraftAsync(string tenantId, string yaml, SimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(request);
        var path = await access.TenantAsync(tenantId);
        var effective = await definitions.EffectiveAsync(path);
        var checkedDraft = WorkflowPublishCheck.Check(yaml, DraftFile, effective.Select(d => d.Definition.Id).ToList());
        if (!checkedDraft.Succeeded)
        {
            throw new DomainValidationException("yaml", "The draft is not a valid definition: " + string.Join("; ",
                checkedDraft.Errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"line {e.At.Line}, column {e.At.Column}: {e.Message}"))));
        }
        var draft = checkedDraft.Definition!;
        var settings = effective.FirstOrDefault(d => d.Definition.Id == draft.Id)?.Settings ?? new Dictionary<string, string>();
        return Simulate(draft, settings, effective, request);
    }

    /// <summary>Publishes a definition's YAML for the tenant's subtree. Coordinators only; a draft with problems is a <see cref="WorkflowInvalidException"/>.</summary>
    public Task<WorkflowPublishOutcome> PublishAsync(string tenantId, string yaml) =>
        auditor.ChangeAsync(AuditActions.WorkflowPublish, tenantId, "workflows", () => PublishCoreAsync(tenantId, yaml));

    private async Task<WorkflowPublishOutcome> PublishCoreAsync(string tenantId, string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var path = await access.TenantAsync(tenantId);
        CallerAccess.RequireCoordinator("publish workflow definitions");
        var known = (await definitions.EffectiveAsync(path)).Select(d => d.Definition.Id).ToList();
        var checkedDraft = WorkflowPublishCheck.Check(yaml, DraftFile, known);
        if (!checkedDraft.Succeeded)
        {
            throw new WorkflowInvalidException(WorkflowDocuments.Validation(checkedDraft));
        }
        var outcome = await grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(path)).Publish(yaml, known);
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            // Arms the schedule of a definition that starts on one, and stops it when a new version no longer does.
            await grains.GetGrain<IWorkflowScheduleGrain>(WorkflowScheduleGrain.KeyFor(path, outcome.Version.Id)).Ensure();
        }
        var version = outcome.Version;
        var document = new WorkflowVersionResource(version.Id, version.Version, version.Title, path.TenantId, version.PublishedAt, version.PublishedBy, Current: true);
        return new WorkflowPublishOutcome(document, outcome.Created,
            string.Create(CultureInfo.InvariantCulture, $"/api/tenants/{tenantId}/workflows/{version.Id}?version={version.Version}"));
    }

    /// <summary>A definition's settings for the tenant: defaults, the tenant's own values, and what its new instances start with.</summary>
    public async Task<WorkflowSettingsResource> GetSettingsAsync(string tenantId, string definitionId)
    {
        var path = await access.TenantAsync(tenantId);
        var resolved = await definitions.ResolveAsync(path, definitionId) ?? throw new DomainNotFoundException($"No workflow '{definitionId}'.");
        return await SettingsDocumentAsync(path, resolved);
    }

    /// <summary>Sets the tenant's values for a definition's settings, for instances started from now on. Coordinators only.</summary>
    public Task<WorkflowSettingsResource> PutSettingsAsync(string tenantId, string definitionId, WorkflowSettingsRequest request) =>
        auditor.ChangeAsync(AuditActions.WorkflowSettings, tenantId, $"workflow/{definitionId}", () => PutSettingsCoreAsync(tenantId, definitionId, request));

    private async Task<WorkflowSettingsResource> PutSettingsCoreAsync(string tenantId, string definitionId, WorkflowSettingsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = await access.TenantAsync(tenantId);
        CallerAccess.RequireCoordinator("set workflow settings");
        var resolved = await definitions.ResolveAsync(path, definitionId) ?? throw new DomainNotFoundException($"No workflow '{definitionId}'.");
        foreach (var (name, value) in request.Settings)
        {
            CheckSetting(resolved, name, value);
        }
        await grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(path)).SetSettings(definitionId, request.Settings);
        var updated = await definitions.ResolveAsync(path, definitionId) ?? resolved;
        return await SettingsDocumentAsync(path, updated);
    }

    private static SimulationResultResource Simulate(
        WorkflowDefinition definition, IReadOnlyDictionary<string, string> tenantSettings, IReadOnlyList<ResolvedWorkflow> effective, SimulationRequest request)
    {
        if (request.Until <= request.Start)
        {
            throw new DomainValidationException("until", "'until' must come after 'start'.");
        }
        if (request.Until - request.Start > MaxSimulatedSpan)
        {
            throw new DomainValidationException("until", $"A simulation may cover at most {MaxSimulatedSpan.TotalDays:0} days.");
        }
        var events = request.Events ?? [];
        for (var i = 0; i < events.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(events[i].Type))
            {
                throw new DomainValidationException($"events[{i}].type", "Each event needs a type, e.g. 'ProgressReported'.");
            }
        }
        // The tenant's settings, with the request's own values over them (a what-if).
        var settings = new Dictionary<string, string>(tenantSettings, StringComparer.Ordinal);
        foreach (var (name, value) in request.Settings ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }
        var children = effective.ToDictionary(d => d.Definition.Id, d => d.Definition, StringComparer.Ordinal);
        // A draft calls itself by its own id as published would: it replaces the version the tenant runs.
        children[definition.Id] = definition;
        var result = WorkflowSimulator.Run(definition, request.Start, request.Until, request.Inputs, settings,
            events.Select((e, i) => new SimulatedEvent(e.At, e.Type, e.Data?.DeepClone(), $"scripted-{i}")),
            SimulationOptions.Default with { Children = children });
        return new SimulationResultResource(
            result.Timeline.Select(t => new TimelineEntryResource(t.At, t.Kind, t.Step, t.Detail)).ToList(),
            result.State.Status.ToString().ToLowerInvariant());
    }

    /// <summary>A value must name a declared setting, and be a duration where the default is one (a typo never waits forever).</summary>
    private static void CheckSetting(ResolvedWorkflow resolved, string name, string value)
    {
        var field = $"settings.{name}";
        if (!resolved.Definition.Settings.TryGetValue(name, out var defaultValue))
        {
            throw new DomainValidationException(field,
                $"'{resolved.Definition.Id}' has no setting '{name}'; it has: {string.Join(", ", resolved.Definition.Settings.Keys.Order(StringComparer.Ordinal))}.");
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainValidationException(field, "A setting needs a value; send an empty 'settings' map to go back to the defaults.");
        }
        if (IsoDuration.TryParse(defaultValue, out _) && !IsoDuration.TryParse(value, out _, out var problem))
        {
            throw new DomainValidationException(field, $"'{value}' is not an ISO 8601 duration such as P30D or PT12H: {problem}");
        }
    }

    private async Task<WorkflowSettingsResource> SettingsDocumentAsync(TenantPath path, ResolvedWorkflow resolved)
    {
        TenantWorkflowCatalog catalog;
        using (TenantCallContext.Enter(TenantCaller.System))
        {
            catalog = await grains.GetGrain<IWorkflowRegistryGrain>(WorkflowRegistryGrain.KeyFor(path)).Catalog();
        }
        var own = catalog.Settings.TryGetValue(resolved.Definition.Id, out var values)
            ? new Dictionary<string, string>(values, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new WorkflowSettingsResource(resolved.Definition.Id, resolved.Definition.Settings, own, resolved.EffectiveSettings());
    }
}
