using System.Diagnostics;
using System.Net.Http.Json;
using Network.Contracts.Commitments;

namespace Network.Bench;

/// <summary>What the commitments' histories hold of what the soak sent.</summary>
/// <param name="MessagesConfirmed">Link messages the broker confirmed.</param>
/// <param name="MessagesApplied">Of those, found in their commitment's history (at least once).</param>
/// <param name="MessagesDuplicated">Found more than once: a message applied twice.</param>
/// <param name="ProgressAcknowledged">HTTP progress reports answered 200.</param>
/// <param name="ProgressMissing">Of those, not in the history: acknowledged, then lost.</param>
/// <param name="ProgressDuplicated">Found more than once.</param>
/// <param name="WaitedSeconds">How long after the load the last confirmed message took to show up (or the check gave up).</param>
internal sealed record SoakDelivery(
    int MessagesConfirmed, int MessagesApplied, int MessagesDuplicated,
    int ProgressAcknowledged, int ProgressMissing, int ProgressDuplicated, double WaitedSeconds)
{
    public int MessagesMissing => MessagesConfirmed - MessagesApplied;

    public bool Complete => MessagesMissing == 0 && MessagesDuplicated == 0 && ProgressMissing == 0 && ProgressDuplicated == 0;
}

/// <summary>
/// After the load: reads every commitment (its whole history) as the forum's coordinator until each confirmed link
/// message's note is there, or nothing new arrived for <see cref="Patience"/>; then counts each note's entries.
/// A message is applied once when its note is in its commitment's history exactly once: the host acknowledges a
/// message to the broker only after storing it, and a redelivery must be recognised by its message id.
/// </summary>
internal static class SoakCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<SoakDelivery> RunAsync(
        HttpClient coordinator, string forumId, IReadOnlyList<SoakCommitment> commitments,
        IReadOnlyCollection<(string CommitmentId, string Note)> messages, IReadOnlyCollection<(string CommitmentId, string Note)> progress)
    {
        var clock = Stopwatch.StartNew();
        var lastChange = Stopwatch.StartNew();
        var lastApplied = -1;
        while (true)
        {
            var counts = await NotesAsync(coordinator, forumId, commitments).ConfigureAwait(false);
            var applied = messages.Count(m => counts.ContainsKey((m.CommitmentId, m.Note)));
            if (applied == messages.Count || lastChange.Elapsed > Patience)
            {
                return new SoakDelivery(
                    messages.Count, applied, messages.Count(m => counts.GetValueOrDefault((m.CommitmentId, m.Note)) > 1),
                    progress.Count, progress.Count(p => !counts.ContainsKey((p.CommitmentId, p.Note))),
                    progress.Count(p => counts.GetValueOrDefault((p.CommitmentId, p.Note)) > 1),
                    clock.Elapsed.TotalSeconds);
            }
            if (applied != lastApplied)
            {
                Console.Error.WriteLine($"[soak] {applied:N0}/{messages.Count:N0} link messages applied so far; waiting for the rest…");
                lastApplied = applied;
                lastChange.Restart();
            }
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
    }

    /// <summary>How often each soak note occurs in each commitment's history.</summary>
    private static async Task<Dictionary<(string, string), int>> NotesAsync(HttpClient coordinator, string forumId, IReadOnlyList<SoakCommitment> commitments)
    {
        var counts = new Dictionary<(string, string), int>();
        foreach (var commitment in commitments)
        {
            var history = await coordinator.GetFromJsonAsync<List<HistoryEntryResource>>($"api/tenants/{forumId}/commitments/{commitment.Id}/history").ConfigureAwait(false)
                ?? throw new InvalidOperationException($"GET the history of commitment {commitment.Id} answered nothing.");
            foreach (var entry in history)
            {
                if (entry.Note is { } note && note.StartsWith("soak-", StringComparison.Ordinal))
                {
                    counts[(commitment.Id, note)] = counts.GetValueOrDefault((commitment.Id, note)) + 1;
                }
            }
        }
        return counts;
    }
}
