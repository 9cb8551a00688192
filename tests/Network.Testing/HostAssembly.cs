namespace Network.Testing;

/// <summary>Where the built host is: found from the running test project's output, in the host project's own output folder.</summary>
public static class HostAssembly
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        // tests/<any test project>/bin/<Configuration>/net10.0/ -> src/Network.Host/bin/<Configuration>/net10.0/
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var repositoryRoot = testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var candidate = System.IO.Path.Combine(repositoryRoot, "src", "Network.Host", "bin", configuration, framework, "Network.Host.dll");
        return File.Exists(candidate)
            ? candidate
            : throw new FileNotFoundException($"The built host is not at '{candidate}'; build Network.sln first.", candidate);
    }
}
