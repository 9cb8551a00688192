namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    /// <summary>
    /// <c>end</c>: ends this path (and the instance when it was the last). Evaluates nothing and cannot fail.
    /// </summary>
    private ActivityResult EndHere(PathToken path)
    {
        EndPath(path);
        return new(null, "path ended");
    }
}
