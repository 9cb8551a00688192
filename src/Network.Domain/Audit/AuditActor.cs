using Network.Domain.Tenancy;

namespace Network.Domain.Audit;

/// <summary>
/// Who did something, as the audit trail and a commitment's history name them: an API key (its id, label, role and
/// tenant, and the door it came through: the HTTP API, the web app, or a bus message with its id), the workflow
/// engine (the instance and its step), or the system itself (start-up, timers). The door enters it once, beside the
/// <see cref="TenantCaller"/>; unlike the caller it is never swapped for the engine's authority, so a task a partner
/// completes (which the task service then does with the engine's authority) still names the partner's key.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AuditActor
{
    private const string ContextKey = "network.actor";

    /// <summary>"key", "engine", "system" or "unsigned".</summary>
    [Id(0)] public string Kind { get; init; } = AuditActorKinds.System;

    [Id(1)] public string? KeyId { get; init; }

    [Id(2)] public string? KeyLabel { get; init; }

    /// <summary>The key's role in wire form ("coordinator", "member", "integration").</summary>
    [Id(3)] public string? Role { get; init; }

    /// <summary>The key's tenant path, or the engine instance's home tenant path.</summary>
    [Id(4)] public string? Tenant { get; init; }

    /// <summary>"http", "web", "bus", "engine" or "system".</summary>
    [Id(5)] public string Door { get; init; } = AuditDoors.System;

    /// <summary>The bus message's id (a tenant link's message), when the change came as one.</summary>
    [Id(6)] public string? MessageId { get; init; }

    /// <summary>The workflow instance (its key) whose step did this, for the engine.</summary>
    [Id(7)] public string? InstanceId { get; init; }

    [Id(8)] public string? StepId { get; init; }

    public static AuditActor System { get; } = new();

    public static AuditActor ForKey(TenantCaller caller, string? label, string door, string? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsSystem)
        {
            return System;
        }
        return new AuditActor
        {
            Kind = AuditActorKinds.Key,
            KeyId = caller.KeyId,
            KeyLabel = label,
            Role = caller.Role.ToWire(),
            Tenant = caller.Tenant?.Value,
            Door = door,
            MessageId = messageId,
        };
    }

    /// <summary>Someone who showed no valid key (a message without one, or with an unknown or revoked one).</summary>
    public static AuditActor WithoutKey(string door, string? messageId) => new()
    {
        Kind = AuditActorKinds.NoKey,
        Door = door,
        MessageId = messageId,
    };

    public static AuditActor Engine(string instanceKey, string? stepId) => new()
    {
        Kind = AuditActorKinds.Engine,
        Tenant = TenantScopedKey.TenantOf(instanceKey).Value,
        Door = AuditDoors.Engine,
        InstanceId = instanceKey,
        StepId = stepId,
    };

    /// <summary>What the audit query's <c>actor</c> matches: the key id, the engine instance, "system" or "unsigned".</summary>
    public string Id => Kind switch
    {
        AuditActorKinds.Key => KeyId!,
        AuditActorKinds.Engine => InstanceId!,
        AuditActorKinds.NoKey => "unsigned",
        _ => "system",
    };

    /// <summary>
    /// The actor as one line of text, as a commitment's history names it: <c>network/tmp (k-1)</c> for a key (the form
    /// history has always used), with <c>via message m-7</c> for a bus message; <c>workflow i step s</c> for the engine.
    /// </summary>
    public string Name => Kind switch
    {
        AuditActorKinds.Key when MessageId is not null => $"{Tenant} ({KeyId}) via message {MessageId}",
        AuditActorKinds.Key => $"{Tenant} ({KeyId})",
        AuditActorKinds.Engine => StepId is null ? $"workflow {InstanceId}" : $"workflow {InstanceId} step {StepId}",
        AuditActorKinds.NoKey => $"no valid key via message {MessageId}",
        _ => "system",
    };

    /// <summary>The actor entered for this call, if a door or the engine entered one.</summary>
    public static AuditActor? Current => RequestContext.Get(ContextKey) as AuditActor;

    /// <summary>The actor of this call: the one entered, else the caller's key as it stands (no label, no door), else the system.</summary>
    public static AuditActor Resolve() =>
        Current ?? (TenantCallContext.Current is { IsSystem: false } caller ? ForKey(caller, null, AuditDoors.Unknown) : System);

    /// <summary>Sets the actor for the calls made from here on, until the returned scope is disposed.</summary>
    public static IDisposable Enter(AuditActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RequestContextScope.Enter(ContextKey, actor);
    }
}

/// <summary>The kinds of <see cref="AuditActor"/>.</summary>
public static class AuditActorKinds
{
    public const string Key = "key";
    public const string Engine = "engine";
    public const string System = "system";

    /// <summary>A message or request that showed no valid key (only ever refused).</summary>
    public const string NoKey = "unsigned";
}

/// <summary>The doors a change comes through.</summary>
public static class AuditDoors
{
    public const string Http = "http";
    public const string Web = "web";
    public const string Bus = "bus";
    public const string Engine = "engine";
    public const string System = "system";

    /// <summary>A key's call whose door entered no actor (none does today; kept so such a call is still named).</summary>
    public const string Unknown = "unknown";
}
