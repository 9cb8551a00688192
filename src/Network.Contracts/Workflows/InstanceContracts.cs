namespace Network.Contracts.Workflows;

/// <summary>A running (or ended) workflow instance.</summary>
/// <param name="WaitingAt">The steps its paths are waiting at.</param>
public sealed record WorkflowInstanceResource(
    string Id, string DefinitionId, int DefinitionVersion, string Status, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt, IReadOnlyList<string> WaitingAt);

/// <summary>One entry of an instance's journal: what ran, when, why, with what outcome and inputs.</summary>
/// <param name="TraceId">The W3C trace id of the request or message that led to this line, when there was one.</param>
/// <param name="Seq">1, 2, 3, … over the instance's whole journal: the next page starts after the last one seen (<c>?after=</c>).</param>
public sealed record JournalEntryResource(
    DateTimeOffset At, string Kind, string? Step, string? Why, string? Outcome, string? Inputs, string? TraceId = null, long Seq = 0);

/// <summary>A human task a workflow opened.</summary>
/// <param name="Status">open, completed or cancelled.</param>
public sealed record WorkflowTaskResource(string Id, string Step, string AssignedTo, string Title, DateTimeOffset? DueAt, string Status, System.Text.Json.Nodes.JsonNode? Result);

/// <summary>Completes a task with its result (any JSON object, e.g. <c>{ "status": "substantial" }</c>).</summary>
public sealed record CompleteTaskRequest(System.Text.Json.Nodes.JsonObject? Result = null);

public sealed record WorkflowIncidentResource(string Id, string Step, string Error, int Attempts, DateTimeOffset OpenedAt, string? Resolution);

/// <param name="Action">retry (run the step again), skip (go on as if it did nothing) or cancel (the instance).</param>
public sealed record ResolveIncidentRequest(string Action);

public sealed record CancelInstanceRequest(string? Reason = null);

/// <summary>Starts an instance of a definition by hand (e.g. a campaign-launch countdown).</summary>
/// <param name="Id">The instance's id; defaults to the definition id and a random suffix. Starting an existing id changes nothing.</param>
public sealed record StartInstanceRequest(string Definition, System.Text.Json.Nodes.JsonObject? Inputs = null, string? Id = null);

/// <summary>
/// Moves chosen instances of a definition to another of its versions, keeping where they are, their variables and
/// their waits. <paramref name="StepMapping"/> renames steps (old id → new id); a step with the same id in both
/// versions needs no entry. Checked for every instance first: if any cannot move, none is moved.
/// </summary>
/// <param name="Instances">Ids of the instances to move (1 to 500), all of <paramref name="Definition"/>.</param>
/// <param name="DryRun">Only check, and answer what would happen.</param>
public sealed record MigrateInstancesRequest(
    string Definition, int ToVersion, IReadOnlyList<string> Instances, IReadOnlyDictionary<string, string>? StepMapping = null, bool DryRun = false);

/// <summary>Why one instance cannot move: a stable code (unmapped-step, unknown-target, incompatible-step, …), the step, and what to do.</summary>
public sealed record MigrationProblem(string Code, string? Step, string Message);

/// <summary>One instance's migration: from which version to which, whether it moved, and what stopped it.</summary>
public sealed record MigratedInstanceResource(string Id, int FromVersion, int ToVersion, bool Migrated, IReadOnlyList<MigrationProblem> Problems);

/// <summary>The outcome for every instance asked for.</summary>
public sealed record MigrationResultResource(bool DryRun, IReadOnlyList<MigratedInstanceResource> Instances);
