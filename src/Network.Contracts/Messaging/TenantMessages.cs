using System.Text.Json;

namespace Network.Contracts.Messaging;

// Commands and events a tenant's own systems send to network.tenant.{tenantId}.in, signed with an integration key
// of that tenant in the "network-key" header. Each may name only what the sending tenant may reach.

/// <summary>Reports progress on a commitment the sending tenant owns (or is home to).</summary>
/// <param name="Status">One of not-started, limited, substantial, complete, stalled, blocked, withdrawn.</param>
/// <param name="EvidenceUrl">An http(s) link to what shows the progress.</param>
public sealed record ReportProgress(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string CommitmentId, string Status, string? Note = null, string? EvidenceUrl = null) : INetworkMessage;

/// <summary>Answers a task a workflow opened for the sending tenant (see <see cref="TaskAssigned"/>).</summary>
/// <param name="HomeTenant">The task's home tenant, as <see cref="TaskAssigned.HomeTenant"/> gave it.</param>
/// <param name="Result">The answer; what the workflow reads from it depends on the task (e.g. {"status":"complete"}).</param>
public sealed record CompleteTask(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string HomeTenant, string InstanceId, string TaskId, JsonElement? Result = null) : INetworkMessage;

/// <summary>The sending tenant wants to take part in a commitment it can see.</summary>
public sealed record ExpressInterest(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string CommitmentId, string? Note = null) : INetworkMessage;

/// <summary>
/// A campaign (such as the UN-led Together campaign) announces its structure. Commitments that wait on it are
/// released: those whose dependency is <paramref name="Dependency"/>, and those listed in
/// <paramref name="CommitmentIds"/> (each one the sending tenant must be able to reach).
/// </summary>
/// <param name="Dependency">The dependency the announcement fulfils, as the commitments name it (e.g. "structure of UN campaign").</param>
/// <param name="Structure">How the campaign is organised, in words.</param>
public sealed record AnnounceCampaignStructure(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string CampaignId, string? Dependency = null, string? Structure = null, IReadOnlyList<string>? CommitmentIds = null) : INetworkMessage;

/// <summary>News from a linked campaign; workflows may start on it or wait for it.</summary>
/// <param name="Data">Anything more the campaign says, handed to workflows as it is.</param>
public sealed record CampaignUpdated(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string CampaignId, string? Summary = null, JsonElement? Data = null) : INetworkMessage;
