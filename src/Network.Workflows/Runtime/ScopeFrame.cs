namespace Network.Workflows.Runtime;

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
