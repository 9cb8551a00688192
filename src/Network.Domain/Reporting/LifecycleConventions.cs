using Network.Workflows.Runtime;

namespace Network.Domain.Reporting;

/// <summary>
/// What the reports read from the workflow that follows a commitment (<c>workflows/commitment-lifecycle.yaml</c>): its
/// instance id, and the steps whose tasks hold the owners' forum report and the coordinator's year-end review. A
/// tenant's own version of the definition keeps these step ids for its reports to find them.
/// </summary>
public static class LifecycleConventions
{
    public const string DefinitionId = "commitment-lifecycle";

    /// <summary>The owners' progress-report task before the forum; its result is <c>{ status, note }</c>.</summary>
    public const string ForumReportStep = "forum-progress-report";

    /// <summary>The coordinator's year-end review task; its result's <c>status</c> is the final status.</summary>
    public const string YearEndReviewStep = "year-end-review";

    /// <summary>The business status the definition sets while a commitment is stalled (see <c>JournalKinds.StatusChanged</c>).</summary>
    public const string StalledStatus = "stalled";

    public static string InstanceId(string commitmentId) => InstanceIds.For(DefinitionId, commitmentId);
}
