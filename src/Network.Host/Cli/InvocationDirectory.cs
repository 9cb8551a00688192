namespace Network.Host.Cli;

/// <summary>
/// Where a path the user typed is. `dotnet run --project src/Network.Host` starts the host in the project's folder
/// (the Web SDK does, so the host finds its appsettings.json), while the shell's PWD still names the folder the
/// command was typed in; there, a relative path means what the user sees, so
/// `dotnet run --project src/Network.Host -- workflows validate workflows/` checks the repository's workflows/ and
/// `… -- backup --to network.bak` writes beside the user. Anywhere else (`dotnet Network.Host.dll …`), a relative path
/// is relative to the current directory. Settings such as Storage:Sqlite:Path stay relative to the current directory,
/// as the host itself reads them.
/// </summary>
internal static class InvocationDirectory
{
    /// <summary>The folder `dotnet run` was typed in, when this process runs under it; else null.</summary>
    public static string? Find()
    {
        var current = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Directory.GetCurrentDirectory()));
        var pwd = Environment.GetEnvironmentVariable("PWD");
        if (!File.Exists(Path.Combine(current, "Network.Host.csproj")) || string.IsNullOrEmpty(pwd) || !Path.IsPathRooted(pwd) || !Directory.Exists(pwd))
        {
            return null;
        }
        var invoked = Path.TrimEndingDirectorySeparator(Path.GetFullPath(pwd));
        return string.Equals(current, invoked, StringComparison.Ordinal) ? null : invoked;
    }

    /// <summary>The full path the user meant by <paramref name="path"/>.</summary>
    public static string Resolve(string path, string? invokedIn) =>
        Path.GetFullPath(invokedIn is not null && !Path.IsPathRooted(path) ? Path.Combine(invokedIn, path) : path);
}
