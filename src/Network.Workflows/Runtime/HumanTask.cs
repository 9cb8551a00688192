using System.Text.Json.Nodes;

namespace Network.Workflows.Runtime;

/// <summary>A human task: assigned to a tenant or role, due at a moment, completed through the API with a result.</summary>
public sealed class HumanTask
{
    public string Id { get; set; } = "";

    public string StepId { get; set; } = "";

    public string PathId { get; set; } = "";

    public string AssignedTo { get; set; } = "";

    public string Title { get; set; } = "";

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public HumanTaskStatus Status { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public JsonNode? Result { get; set; }

    public HumanTask Clone() => new()
    {
        Id = Id,
        StepId = StepId,
        PathId = PathId,
        AssignedTo = AssignedTo,
        Title = Title,
        DueAt = DueAt,
        CreatedAt = CreatedAt,
        Status = Status,
        ClosedAt = ClosedAt,
        Result = Result?.DeepClone(),
    };
}
