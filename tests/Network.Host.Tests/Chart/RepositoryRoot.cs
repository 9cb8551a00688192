namespace Network.Host.Tests.Chart;

/// <summary>The source tree the test assembly was built from: the folder of Network.sln above it.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(Find);

    public static string Path => Found.Value;

    /// <summary>A path below the root, given in parts ("helm", "network").</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Network.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No Network.sln above {AppContext.BaseDirectory}; the chart tests read the source tree.");
    }
}
