namespace Network.Workflows.Runtime;

/// <summary>What a waiting path waits for. <see cref="Id"/> names this wait and no other: a timer for it fires once.</summary>
public sealed class WaitState
{
    private Dictionary<string, string>? _correlation;
    private List<string>? _branches;
    private List<string>? _endedBranches;

    public string Id { get; set; } = "";

    public WaitKind Kind { get; set; }

    public DateTimeOffset Since { get; set; }

    /// <summary>When the timer is due: the timer itself, a <c>wait-for</c>'s timeout, or a retry.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The event a <c>wait-for</c> waits for.</summary>
    public string? Event { get; set; }

    /// <summary>
    /// The correlation values of a <c>wait-for</c> (field → <see cref="Expressions.JsonValues.CorrelationKey"/>),
    /// from the <c>event.field == …</c> terms of its <c>where</c>; empty when it states none (then only the event
    /// name can be indexed).
    /// </summary>
    public Dictionary<string, string> Correlation { get => _correlation ??= new(StringComparer.Ordinal); set => _correlation = value; }

    public string? TaskId { get; set; }

    /// <summary>The child call a <c>call</c> waits for.</summary>
    public string? CallId { get; set; }

    /// <summary>For a <c>parallel</c>: the branch paths started, those ended, and how many must end.</summary>
    public List<string> Branches { get => _branches ??= []; set => _branches = value; }

    public List<string> EndedBranches { get => _endedBranches ??= []; set => _endedBranches = value; }

    public int Required { get; set; }

    /// <summary>Lets go of the empty collections (see <see cref="WorkflowInstanceState.Compact"/>).</summary>
    public void Compact()
    {
        EmptyCollections.LetGo(ref _correlation);
        EmptyCollections.LetGo(ref _branches);
        EmptyCollections.LetGo(ref _endedBranches);
    }

    public WaitState Clone() => new()
    {
        Id = Id,
        Kind = Kind,
        Since = Since,
        DueAt = DueAt,
        Event = Event,
        Correlation = new Dictionary<string, string>(Correlation, StringComparer.Ordinal),
        TaskId = TaskId,
        CallId = CallId,
        Branches = [.. Branches],
        EndedBranches = [.. EndedBranches],
        Required = Required,
    };
}
