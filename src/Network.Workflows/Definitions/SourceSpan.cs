namespace Network.Workflows.Definitions;

/// <summary>Where something is in a definition file (1-based line and column), so every error can point at it.</summary>
public sealed record SourceSpan(string File, int Line, int Column)
{
    public static SourceSpan None { get; } = new("", 0, 0);

    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>A JavaScript expression from a definition, e.g. <c>event.commitmentId == input.commitmentId</c>.</summary>
public sealed record Expression(string Source, SourceSpan At)
{
    public override string ToString() => Source;
}
