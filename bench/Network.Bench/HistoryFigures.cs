namespace Network.Bench;

/// <summary>What the history scenario measured; its child process hands this to the parent as one JSON line.</summary>
/// <param name="SetupSeconds">Making the tenants, the session and bringing both commitments to their updates.</param>
internal sealed record HistoryFigures(
    string Engine,
    string Store,
    double SetupSeconds,
    HistoryRun AtSmall,
    HistoryRun AtLarge);

/// <summary>Progress updates timed one after the other on one commitment.</summary>
/// <param name="UpdatesBefore">Progress updates the commitment had when the timing began.</param>
/// <param name="Updates">Updates timed.</param>
/// <param name="HistoryEntries">Entries in the commitment's history afterwards (its import, then every update).</param>
/// <param name="JournalLines">Lines in its lifecycle instance's journal afterwards: the workflow's side of the updates.</param>
internal sealed record HistoryRun(
    int UpdatesBefore,
    int Updates,
    double Seconds,
    double PerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    int HistoryEntries,
    int JournalLines);
