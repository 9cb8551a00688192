namespace Network.Domain.Workflows;

/// <summary>Which instances of a subtree to list: a definition id, a status (<see cref="WorkflowListStatuses.Instance"/>), paging (limit 1-200).</summary>
public sealed record InstanceFilter(string? Definition = null, string? Status = null, int Offset = 0, int Limit = 50);
