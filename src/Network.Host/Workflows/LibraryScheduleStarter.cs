using Network.Domain.Tenancy;
using Network.Domain.Workflows;
using Network.Host.Bootstrap;
using Network.Workflows.Definitions;

namespace Network.Host.Workflows;

/// <summary>
/// Arms the schedules of the library's definitions that start on a cron schedule, for the root tenant, at every
/// start (a library file may have gained or lost its schedule since the last). Tenants' own published definitions
/// are armed when they are published; their reminders outlive restarts.
/// </summary>
public sealed partial class LibraryScheduleStarter(IGrainFactory grains, IWorkflowDefinitions library, ILogger<LibraryScheduleStarter> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var root = TenantPath.Root(RootTenantBootstrapper.RootId);
        using var _ = TenantCallContext.Enter(TenantCaller.System);
        foreach (var definition in library.All.Where(d => d.Trigger is ScheduleTrigger))
        {
            var info = await grains.GetGrain<IWorkflowScheduleGrain>(WorkflowScheduleGrain.KeyFor(root, definition.Id)).Ensure();
            LogArmed(logger, definition.Id, info.Cron, info.NextAt);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of library workflow {Workflow} ({Cron}) next starts an instance at {NextAt:O}")]
    private static partial void LogArmed(ILogger logger, string workflow, string? cron, DateTimeOffset? nextAt);
}
