using System.Runtime.InteropServices;
using System.Text;

namespace Network.Host.Storage.Backup;

/// <summary>
/// What makes a copy survive a power cut: its bytes on the disk before it is renamed into place (fsync of the file),
/// and the rename itself on the disk before anyone is told it happened (fsync of the folder that holds it).
/// </summary>
internal static class DurableFiles
{
    /// <summary>Writes the file's data and metadata through to the disk (fsync).</summary>
    public static void Flush(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Writes a folder's entries through to the disk, so a rename or creation in it outlives a power cut. .NET opens
    /// no handle on a folder, so this asks the C library (Linux and macOS). Windows has no such call for a folder;
    /// there a rename is as durable as NTFS's own journal makes it.
    /// </summary>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var path = Encoding.UTF8.GetBytes(Path.GetFullPath(directory) + '\0');
        var descriptor = Open(path, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open the folder {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Could not flush the folder {directory} to the disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    /// <summary>Moves a file, refusing when the target exists unless <paramref name="overwrite"/>; atomic within one file system.</summary>
    public static void Rename(string from, string to, bool overwrite = false)
    {
        File.Move(from, to, overwrite);
        FlushDirectory(Path.GetDirectoryName(Path.GetFullPath(to))!);
    }

    /// <summary>Deletes a temporary file and what SQLite may have left beside it, ignoring what is already gone.</summary>
    public static void DeleteQuietly(string path)
    {
        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Left behind; its name says it is a temporary copy.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }
    }

    // O_RDONLY is 0 on every Unix; a folder opens read-only without O_DIRECTORY, whose value differs between them.
    private const int ReadOnly = 0;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}
