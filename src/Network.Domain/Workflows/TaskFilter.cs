namespace Network.Domain.Workflows;

/// <summary>Which tasks to list: a status (open by default; completed, cancelled, or all), whom it is assigned to, a due date, paging.</summary>
/// <param name="AssignedTo">The role or tenant id as the definition names it (e.g. owners, tenant-coordinator).</param>
/// <param name="DueBefore">Only tasks due strictly before this date.</param>
public sealed record TaskFilter(string? Status = null, string? AssignedTo = null, DateOnly? DueBefore = null, int Offset = 0, int Limit = 50);
