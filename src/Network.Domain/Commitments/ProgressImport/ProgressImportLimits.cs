namespace Network.Domain.Commitments.ProgressImport;

/// <summary>How much one progress import takes: the HTTP API, the web app and the file reader all keep these.</summary>
public static class ProgressImportLimits
{
    /// <summary>The largest file accepted: a few thousand rows of notes fit many times over.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>The most filled rows one import checks and applies (each row is one commitment's report).</summary>
    public const int MaxRows = 5_000;
}
