using System.Globalization;
using System.Text.Json.Nodes;
using Cronos;
using Microsoft.Extensions.Logging;
using Network.Domain.Storage;
using Network.Domain.Tenancy;
using Network.Workflows.Definitions;
using Network.Workflows.Runtime;

namespace Network.Domain.Workflows;

[GrainType("workflow-schedule")]
public sealed partial class WorkflowScheduleGrain(
    [PersistentState("workflow-schedule", StorageNames.Network)] IPersistentState<WorkflowScheduleGrain.State> state,
    WorkflowDefinitionResolver definitions,
    TimeProvider clock,
    ILogger<WorkflowScheduleGrain> logger)
    : Grain, IWorkflowScheduleGrain
{
    private const string TickReminder = "tick";

    /// <summary>
    /// The reminder's period after its first tick. Orleans skips the ticks a stopped silo missed, so a period bounds
    /// how late an occurrence missed during downtime is caught up; an hour costs little and is late at most that.
    /// </summary>
    private static readonly TimeSpan CatchUpPeriod = TimeSpan.FromHours(1);

    public sealed class State
    {
        public string? Cron { get; set; }
        public DateTimeOffset? NextAt { get; set; }
        public DateTimeOffset? LastStartedAt { get; set; }
    }

    public static string KeyFor(TenantPath tenant, string workflowId) => TenantScopedKey.For(tenant, "schedule-" + workflowId);

    private TenantPath Tenant => TenantScopedKey.TenantOf(this.GetPrimaryKeyString());

    private string WorkflowId => TenantScopedKey.LocalIdOf(this.GetPrimaryKeyString())["schedule-".Length..];

    public async Task<WorkflowScheduleInfo> Ensure()
    {
        var cron = await ScheduleAsync();
        if (cron is null)
        {
            await StopAsync();
        }
        else if (cron != state.State.Cron || state.State.NextAt is null)
        {
            state.State.Cron = cron;
            state.State.NextAt = Next(cron, state.State.LastStartedAt ?? clock.GetUtcNow());
            await state.WriteOrStartOverAsync(this);
            await ArmAsync();
        }
        else
        {
            await ArmAsync();
        }
        return Info();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var cron = await ScheduleAsync();
        if (cron is null)
        {
            await StopAsync();
            return;
        }
        var now = clock.GetUtcNow();
        if (state.State.NextAt is { } due && due <= now)
        {
            // Only the newest missed occurrence starts an instance: a long outage is not replayed as a burst.
            var occurrence = Latest(cron, due, now);
            await StartOccurrenceAsync(occurrence);
            state.State.LastStartedAt = occurrence;
            state.State.NextAt = Next(cron, occurrence);
            state.State.Cron = cron;
            await state.WriteOrStartOverAsync(this);
        }
        await ArmAsync();
    }

    /// <summary>The cron of the definition this tenant runs, when it is this tenant's to schedule (its own, or the library's at a root).</summary>
    private async Task<string?> ScheduleAsync()
    {
        var resolved = await definitions.ResolveAsync(Tenant, WorkflowId);
        var ours = resolved is not null && (resolved.Owner == Tenant || (resolved.Owner is null && Tenant.Parent is null));
        return ours && resolved!.Definition.Trigger is ScheduleTrigger schedule ? schedule.Cron : null;
    }

    private async Task StartOccurrenceAsync(DateTimeOffset occurrence)
    {
        var instanceId = InstanceIds.For(WorkflowId, occurrence.UtcDateTime.ToString("yyyyMMdd't'HHmm", CultureInfo.InvariantCulture));
        var inputs = new JsonObject
        {
            ["scheduledAt"] = occurrence.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["tenantId"] = Tenant.TenantId,
        };
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        await GrainFactory.GetGrain<IWorkflowInstanceGrain>(TenantScopedKey.For(Tenant, instanceId)).Start(WorkflowId, inputs.ToJsonString());
        LogStarted(logger, WorkflowId, Tenant.Value, occurrence);
    }

    private async Task ArmAsync()
    {
        var wait = state.State.NextAt!.Value - clock.GetUtcNow();
        await this.RegisterOrUpdateReminder(TickReminder, wait < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait, CatchUpPeriod);
    }

    private async Task StopAsync()
    {
        if (await this.GetReminder(TickReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        if (state.State.Cron is not null || state.State.NextAt is not null)
        {
            state.State.Cron = null;
            state.State.NextAt = null;
            await state.WriteOrStartOverAsync(this);
        }
    }

    private static DateTimeOffset Next(string cron, DateTimeOffset after) =>
        CronExpression.Parse(cron, CronFormat.Standard).GetNextOccurrence(after, TimeZoneInfo.Utc)
        ?? throw new InvalidOperationException($"The schedule '{cron}' has no occurrence after {after:O}.");

    /// <summary>The last occurrence at or before <paramref name="now"/>, starting from one known to be due.</summary>
    private static DateTimeOffset Latest(string cron, DateTimeOffset due, DateTimeOffset now)
    {
        var expression = CronExpression.Parse(cron, CronFormat.Standard);
        var latest = due;
        while (expression.GetNextOccurrence(latest, TimeZoneInfo.Utc) is { } next && next <= now)
        {
            latest = next;
        }
        return latest;
    }

    private WorkflowScheduleInfo Info() => new(WorkflowId, state.State.Cron, state.State.NextAt, state.State.LastStartedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of {Workflow} at {Tenant} started the instance of {Occurrence:O}")]
    private static partial void LogStarted(ILogger logger, string workflow, string tenant, DateTimeOffset occurrence);
}
