using System.Text.Json;

namespace Network.Contracts.Messaging;

// Events the network publishes on network.tenant.{tenantId}.out for the tenants they concern: the home tenant of
// the commitment or workflow, and the owners or role holders it names. HomeTenant is the path of the tenant the
// commitment or workflow instance belongs to (e.g. "network" or "network/europe").

/// <summary>A commitment was recorded from a session's report.</summary>
/// <param name="DueAt">When the commitment is due (start of the day, UTC).</param>
/// <param name="Dependency">What outside the network it waits on, when the report says so.</param>
public sealed record CommitmentRecorded(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string CommitmentId, string HomeTenant, string Status, DateTimeOffset? DueAt = null, string? Dependency = null) : INetworkMessage;

/// <summary>Progress was reported on a commitment (by an owner, a coordinator, or a workflow releasing it).</summary>
public sealed record ProgressReported(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string CommitmentId, string HomeTenant, string Status, string? Note = null) : INetworkMessage;

/// <summary>No progress came on a commitment within its tenant's stallAfter setting.</summary>
/// <param name="Stalls">How many times this commitment has stalled so far.</param>
public sealed record CommitmentStalled(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string CommitmentId, string HomeTenant, int Stalls) : INetworkMessage;

/// <summary>A workflow escalated: a rung of the ladder reached the tenant this is delivered to.</summary>
/// <param name="Level">1 for the owners, higher for each rung up.</param>
/// <param name="Role">Whom the workflow addressed: owners, tenant-coordinator, network-coordinator or a tenant id.</param>
public sealed record EscalationRaised(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string HomeTenant, string InstanceId, int Level, string Role, string Message, string? CommitmentId = null) : INetworkMessage;

/// <summary>A commitment reached a milestone of its workflow, such as its year-end review.</summary>
public sealed record MilestoneReached(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string CommitmentId, string HomeTenant, string Milestone, string? FinalStatus = null) : INetworkMessage;

/// <summary>A workflow opened a task for the tenant this is delivered to; answer it with <see cref="CompleteTask"/>.</summary>
public sealed record TaskAssigned(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string HomeTenant, string InstanceId, string TaskId, string Title, DateTimeOffset? DueAt = null, string? CommitmentId = null) : INetworkMessage;

/// <summary>
/// A report was published: on a commitment (the owners' report for the forum), on a session (its progress report),
/// or on a year (the year-end review).
/// </summary>
/// <param name="CommitmentId">The commitment the report is on; absent for a session's or a year's report.</param>
/// <param name="Report">What the owners (or the reviewing coordinator) answered, as they gave it.</param>
/// <param name="SessionId">The session a progress report covers.</param>
/// <param name="Year">The year a year-end review covers.</param>
/// <param name="Link">Where to read the report: a path of the network's API (e.g. <c>/api/tenants/network/sessions/…/report?asOf=2017-05-31</c>).</param>
public sealed record ReportPublished(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string? CommitmentId, string HomeTenant, string Milestone, JsonElement? Report = null,
    string? SessionId = null, int? Year = null, string? Link = null) : INetworkMessage;

/// <summary>A campaign was launched.</summary>
/// <param name="Ready">False when the final go/no-go check said no.</param>
/// <param name="ChecksMissed">How many readiness checks went unanswered.</param>
public sealed record CampaignLaunched(
    string MessageId, string TenantId, DateTimeOffset OccurredAt,
    string CampaignId, string HomeTenant, bool Ready = true, int ChecksMissed = 0) : INetworkMessage;
