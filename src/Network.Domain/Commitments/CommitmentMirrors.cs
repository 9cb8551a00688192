using Network.Domain.Links;
using Network.Domain.Notifications;
using Network.Domain.ReadModel;
using Network.Domain.Storage;

namespace Network.Domain.Commitments;

/// <summary>
/// What follows a commitment's stored write without being part of it: its list row, where the read model could not
/// take it in the write's unit, and the wake-up of the link outboxes the write queued messages in. Both only mirror
/// what is stored, so their failure neither undoes the write nor fails its callers (whose change is stored): it is
/// logged and tried again, after 1 s doubling up to a minute, until it succeeds. Without the retry, the row would wait
/// for the next start's catch-up and the messages for their outbox's next wake-up, which may be days away.
/// </summary>
/// <remarks>
/// Runs on the grain's scheduler. After a failure, later writes only add what they need (a newer row replaces the
/// waiting one; outboxes to wake add up) and the retry alone tries, so two attempts never run at once. An outbox
/// that a write asks to wake while an attempt is on its way stays asked: that attempt's wake-up may have come before
/// the write's messages were stored.
/// </remarks>
public sealed class CommitmentMirrors(
    ICommitmentReadModel readModel, TenantLinkDelivery links, Action<TimeSpan> retryAfter, Action<Exception, TimeSpan> failed)
{
    private static readonly TimeSpan FirstRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, int> _toWake = new(StringComparer.Ordinal);
    private CommitmentListRow? _row;
    private int _failures;

    /// <summary>A failed attempt waits for its retry; until it succeeds, later writes leave the trying to it.</summary>
    public bool Retrying { get; private set; }

    /// <summary>After a stored write: upserts <paramref name="row"/> (if the write did not) and wakes the outboxes of <paramref name="queued"/>.</summary>
    public async Task AfterStoredAsync(CommitmentListRow? row, IReadOnlyList<QueueRow> queued)
    {
        ArgumentNullException.ThrowIfNull(queued);
        if (row is not null && (_row is null || _row.StateVersion < row.StateVersion))
        {
            _row = row;
        }
        foreach (var tenantId in queued.Select(q => q.Owner))
        {
            _toWake[tenantId] = _toWake.GetValueOrDefault(tenantId) + 1;
        }
        if (!Retrying)
        {
            await TryAsync();
        }
    }

    /// <summary>The retry (from the grain's timer), or a last attempt at deactivation.</summary>
    public Task RetryAsync() => TryAsync();

    /// <summary>Tries until nothing is left (what a write added during an attempt goes in the next), or an attempt fails.</summary>
    private async Task TryAsync()
    {
        while (_row is not null || _toWake.Count > 0)
        {
            var row = _row;
            var toWake = _toWake.ToList();
            try
            {
                await Task.WhenAll(row is null ? Task.CompletedTask : readModel.UpsertAsync(row), links.WakeOutboxesOfAsync(toWake.Select(w => w.Key)));
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                var wait = RetryBackoff.After(++_failures, FirstRetryAfter, LongestRetryAfter);
                failed(error, wait);
                Retrying = true;
                retryAfter(wait);
                return;
            }
            if (ReferenceEquals(_row, row))
            {
                _row = null;
            }
            foreach (var (tenantId, asked) in toWake)
            {
                if (_toWake.TryGetValue(tenantId, out var now) && now == asked)
                {
                    _toWake.Remove(tenantId);
                }
            }
        }
        Retrying = false;
        _failures = 0;
    }
}
