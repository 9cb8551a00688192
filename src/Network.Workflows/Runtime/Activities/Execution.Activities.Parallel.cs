using System.Text.Json.Nodes;
using Network.Workflows.Definitions;

namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>parallel</c>: starts one path per branch, just after this one, and waits on them (a join).
    /// Evaluates nothing and cannot fail once its targets are checked; the join's count is clamped, not refused.
    /// </summary>
    private ActivityResult StartBranches(PathToken path, ParallelStep step)
    {
        if (step.Branches.Count == 0)
        {
            Continue(path, step, $"parallel '{step.Id}' has no branches");
            return new(null, "no branches");
        }
        var required = step.Join.Kind switch
        {
            JoinKind.All => step.Branches.Count,
            JoinKind.Any => 1,
            _ => Math.Clamp(step.Join.Count, 1, step.Branches.Count),
        };
        var wait = new WaitState { Id = NewId("w"), Kind = WaitKind.Join, Since = _now, Required = required };
        var index = _state.Paths.IndexOf(path);
        for (var i = 0; i < step.Branches.Count; i++)
        {
            var branch = new PathToken
            {
                Id = NewId("p"),
                ParentId = path.Id,
                StepId = step.Branches[i],
                Status = PathStatus.Ready,
                Why = $"branch {i + 1} of parallel '{step.Id}'",
                Event = path.Event?.DeepClone(),
            };
            wait.Branches.Add(branch.Id);
            _state.Paths.Insert(index + 1 + i, branch);
        }
        path.Status = PathStatus.Waiting;
        path.Wait = wait;
        var join = step.Join.Kind switch
        {
            JoinKind.All => "all",
            JoinKind.Any => "any",
            _ => $"{required} of {step.Branches.Count}",
        };
        Journal(new(JournalKinds.Waiting, step, path)
        {
            Why = "branches started",
            Outcome = $"for {join} of {string.Join(", ", wait.Branches)}",
        });
        return new(string.Join(", ", step.Branches), $"started {step.Branches.Count} branches, join {join}");
    }
}
