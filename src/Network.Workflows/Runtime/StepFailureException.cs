namespace Network.Workflows.Runtime;

/// <summary>A step cannot run for a reason other than an expression (a dangling transition, an invalid cron, …).</summary>
internal sealed class StepFailureException : Exception
{
    public StepFailureException()
    {
    }

    public StepFailureException(string message)
        : base(message)
    {
    }

    public StepFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
