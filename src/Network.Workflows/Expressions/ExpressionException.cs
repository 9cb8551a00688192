namespace Network.Workflows.Expressions;

/// <summary>
/// An expression could not be evaluated, or gave a value of the wrong kind: a syntax error, a JavaScript error
/// (<c>x is not defined</c>), a limit reached, or e.g. a duration that is not ISO 8601. In a step this is a step
/// failure: retried under the step's policy, then an incident.
/// </summary>
public sealed class ExpressionException : Exception
{
    public ExpressionException()
    {
    }

    public ExpressionException(string message)
        : base(message)
    {
    }

    public ExpressionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The expression's source, when the failure came from one.</summary>
    public string? ExpressionSource { get; init; }
}
