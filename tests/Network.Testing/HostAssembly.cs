namespace Network.Testing;

/// <summary>
/// Where the built host is, found from the running project's output (a test project's or the benchmark's, both at
/// &lt;folder&gt;/&lt;project&gt;/bin/&lt;Configuration&gt;/net10.0/): in the host project's output folder of the same
/// configuration, else of the other one.
/// </summary>
public static class HostAssembly
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        // tests/<any test project>/bin/<Configuration>/net10.0/ -> src/Network.Host/bin/<Configuration>/net10.0/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var repositoryRoot = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var candidates = new[] { configuration, "Release", "Debug" }.Distinct(StringComparer.Ordinal)
            .Select(c => System.IO.Path.Combine(repositoryRoot, "src", "Network.Host", "bin", c, framework, "Network.Host.dll"))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"The built host is not at {string.Join(" or ", candidates)}: build it first (dotnet build Network.sln).", candidates[0]);
    }
}
