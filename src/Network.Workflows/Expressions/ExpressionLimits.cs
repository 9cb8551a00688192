namespace Network.Workflows.Expressions;

/// <summary>
/// What one evaluation of an expression may use before it is stopped: wall-clock time, memory allocated, call depth
/// and statements executed. An expression that hits a limit fails like any other error in a step (retry, then an
/// incident), so a careless or hostile definition cannot stall a silo.
/// </summary>
public sealed record ExpressionLimits(TimeSpan Timeout, long MemoryBytes, int Recursion, int Statements)
{
    /// <summary>100 ms, 8 MB allocated, 64 nested calls, 10,000 statements: far beyond any condition or message.</summary>
    public static ExpressionLimits Default { get; } = new(TimeSpan.FromMilliseconds(100), 8_000_000, 64, 10_000);
}
