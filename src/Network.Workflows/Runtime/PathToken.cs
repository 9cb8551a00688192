using System.Text.Json.Nodes;

namespace Network.Workflows.Runtime;

/// <summary>
/// One path of execution (a token): the instance's main path, or a branch of a <c>parallel</c>. It is at one step,
/// and either ready to run it or waiting (<see cref="Wait"/>). <c>do</c> and <c>loop</c> bodies run on the same
/// path, remembered in <see cref="Frames"/>.
/// </summary>
public sealed class PathToken
{
    private List<ScopeFrame>? _frames;

    public string Id { get; set; } = "";

    /// <summary>The path waiting at the <c>parallel</c> that started this branch; null for the main path.</summary>
    public string? ParentId { get; set; }

    public string StepId { get; set; } = "";

    public PathStatus Status { get; set; }

    /// <summary>Why the path is at its step (the journal's "why").</summary>
    public string? Why { get; set; }

    /// <summary>The <c>do</c> and <c>loop</c> steps this path is inside, innermost last.</summary>
    public List<ScopeFrame> Frames { get => _frames ??= []; set => _frames = value; }

    /// <summary>What the path waits for, when <see cref="Status"/> is <see cref="PathStatus.Waiting"/> (or a retry is due).</summary>
    public WaitState? Wait { get; set; }

    /// <summary>The data of the last event this path took: <c>event</c> in the steps after a <c>wait-for</c>.</summary>
    public JsonNode? Event { get; set; }

    /// <summary>How many times the current step has failed in a row (for its retry policy).</summary>
    public int Failures { get; set; }

    /// <summary>Lets go of the empty collections (see <see cref="WorkflowInstanceState.Compact"/>).</summary>
    public void Compact()
    {
        EmptyCollections.LetGo(ref _frames);
        Wait?.Compact();
    }

    public PathToken Clone() => new()
    {
        Id = Id,
        ParentId = ParentId,
        StepId = StepId,
        Status = Status,
        Why = Why,
        Frames = Frames.Select(f => f with { }).ToList(),
        Wait = Wait?.Clone(),
        Event = Event?.DeepClone(),
        Failures = Failures,
    };
}

/// <summary>A <c>do</c> or <c>loop</c> the path is inside: which step, and how far along it is.</summary>
public sealed record ScopeFrame
{
    public string StepId { get; set; } = "";

    public ScopeKind Kind { get; set; }

    /// <summary>For a <c>do</c>: the position of the step running now.</summary>
    public int Index { get; set; }

    /// <summary>For a <c>loop</c>: how many turns of the body have started.</summary>
    public int Iteration { get; set; }
}
