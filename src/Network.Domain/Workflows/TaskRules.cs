using Network.Domain.Tenancy;

namespace Network.Domain.Workflows;

/// <summary>Who may complete a human task, whichever door it comes through (HTTP, web app, bus).</summary>
public static class TaskRules
{
    /// <summary>The task-status filter's value that lists every status.</summary>
    public const string AllStatuses = "all";

    /// <summary>
    /// The caller reaches the task's home tenant, or one of the tenants its role was given to (reach as everywhere:
    /// a coordinator its subtree, a member or integration key its own tenant, as for progress reports).
    /// </summary>
    public static bool MayComplete(TenantCaller caller, TenantPath home, IEnumerable<TenantPath> assignees)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(assignees);
        return caller.CanReach(home) || assignees.Any(caller.CanReach);
    }
}
