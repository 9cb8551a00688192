namespace Network.Workflows.Runtime;

internal sealed partial class Execution
{
    private (string?, string) EndHere(PathToken path)
    {
        EndPath(path);
        return (null, "path ended");
    }
}
