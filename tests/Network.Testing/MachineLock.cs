namespace Network.Testing;

/// <summary>
/// A lock the test processes of one machine share (an advisory file lock in the temp folder: .NET takes flock's
/// shared lock for a file opened with sharing, the exclusive one for <see cref="FileShare.None"/>). `dotnet test`
/// runs the test assemblies side by side; the cluster tests (three hosts and a load that fills two cores) take it
/// exclusively and the browser tests shared, so a browser never waits out its timeouts behind the cluster's load.
/// </summary>
public sealed class MachineLock : IDisposable
{
    /// <summary>The lock of the tests that must not run while the machine is saturated, and of the one that saturates it.</summary>
    public const string HeavyLoad = "network-tests-heavy-load";

    private readonly FileStream _file;

    private MachineLock(FileStream file) => _file = file;

    /// <summary>Held by any number of holders at once, never while an exclusive holder has it.</summary>
    public static Task<MachineLock> SharedAsync(string name) => AcquireAsync(name, FileShare.ReadWrite);

    /// <summary>Held by one holder alone.</summary>
    public static Task<MachineLock> ExclusiveAsync(string name) => AcquireAsync(name, FileShare.None);

    public void Dispose() => _file.Dispose();

    private static async Task<MachineLock> AcquireAsync(string name, FileShare share)
    {
        var path = Path.Combine(Path.GetTempPath(), name + ".lock");
        while (true)
        {
            try
            {
                return new MachineLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, share));
            }
            catch (IOException)
            {
                // Held the other way by another test process: wait for it.
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }
}
