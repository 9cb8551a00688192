namespace Network.Domain.Audit;

/// <summary>The actions the audit trail names, one per kind of change (the <c>action</c> filter of the audit API).</summary>
public static class AuditActions
{
    public const string TenantCreate = "tenant.create";
    public const string KeyIssue = "key.issue";
    public const string KeyRevoke = "key.revoke";
    public const string KeyRotate = "key.rotate";
    public const string ProfileUpdate = "profile.update";
    public const string SessionImport = "session.import";
    public const string CommitmentProgress = "commitment.progress";
    public const string CommitmentInterest = "commitment.interest";
    public const string CommitmentOwners = "commitment.owners";
    public const string CampaignPut = "campaign.put";
    public const string WorkflowPublish = "workflow.publish";
    public const string WorkflowSettings = "workflow.settings";
    public const string InstanceStart = "instance.start";
    public const string InstanceCancel = "instance.cancel";
    public const string InstanceMigrate = "instance.migrate";
    public const string IncidentResolve = "incident.resolve";
    public const string TaskComplete = "task.complete";
    public const string WebhookRegister = "webhook.register";
    public const string WebhookDelete = "webhook.delete";
    public const string WebhookEnable = "webhook.enable";
    public const string WebhookTest = "webhook.test";
    public const string EmailTest = "email.test";
    public const string EmailUnsubscribe = "email.unsubscribe";

    /// <summary>A tenant link refused a message before any service saw it (no key, a foreign key, another tenant's name).</summary>
    public const string MessageRefused = "message.refused";

    /// <summary>The engine addressed a tenant: a notification, an escalation (with its level) or a task in its inbox.</summary>
    public const string EngineNotification = "engine.notification";
    public const string EngineEscalation = "engine.escalation";
    public const string EngineTask = "engine.task";

    public static IReadOnlyList<string> All { get; } =
    [
        TenantCreate, KeyIssue, KeyRevoke, KeyRotate, ProfileUpdate, SessionImport, CommitmentProgress, CommitmentInterest,
        CommitmentOwners, CampaignPut, WorkflowPublish, WorkflowSettings, InstanceStart, InstanceCancel, InstanceMigrate,
        IncidentResolve, TaskComplete, WebhookRegister, WebhookDelete, WebhookEnable, WebhookTest, EmailTest, EmailUnsubscribe, MessageRefused,
        EngineNotification, EngineEscalation, EngineTask,
    ];
}
