using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Domain.Audit;
using Network.Domain.Tenancy;
using Network.Host.Audit;
using Network.Host.Storage;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Audit;

/// <summary>The <c>audit_entry</c> table on SQLite: lines are never changed, old ones go after the retention, a line is kept once per id.</summary>
public sealed class AuditTableTests : IDisposable
{
    private readonly TempDirectory _directory = new("network-audit");

    [Fact]
    public async Task Lines_are_never_changed_and_only_those_past_the_retention_are_deleted()
    {
        var storage = await MigratedAsync();
        var trail = new SqlAuditTrail(storage);
        var now = DateTimeOffset.Parse("2026-12-02T10:00:00Z", CultureInfo.InvariantCulture);
        await trail.RecordAsync(Line("old", now.AddDays(-401)));
        await trail.RecordAsync(Line("recent", now.AddDays(-399)));
        await trail.RecordAsync(Line("recent", now)); // the same id again: kept once

        await using (var connection = new SqliteConnection(storage.ResolveConnectionString()))
        {
            await connection.OpenAsync();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE audit_entry SET outcome = 'done' WHERE id = 'recent';";
            var refused = await Assert.ThrowsAsync<SqliteException>(() => update.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, await trail.PruneAsync(now.AddDays(-400), CancellationToken.None));
        var left = await trail.ListAsync(TenantPath.Parse("network"), new AuditQuery(null, null, null, null, 0, 50));
        Assert.Equal("recent", Assert.Single(left.Items).Id);
        Assert.Equal(now.AddDays(-399), left.Items[0].At);
        Assert.Equal("refused", left.Items[0].Outcome);
    }

    /// <summary>
    /// A page is the same whichever way SQLite reads it: a forum's wide scope walks the table newest first, a small
    /// partner's scope among many lines goes through the tenant indexes (NewestFirstScanIsCheaper decides).
    /// </summary>
    [Fact]
    public async Task A_wide_and_a_narrow_scope_each_get_their_newest_lines_in_order()
    {
        var storage = await MigratedAsync();
        var trail = new SqlAuditTrail(storage);
        var start = DateTimeOffset.Parse("2026-12-02T10:00:00Z", CultureInfo.InvariantCulture);
        for (var i = 0; i < 300; i++)
        {
            // Most lines in network/tmp; every 50th in network/ici, a small partner.
            var (path, tenant) = i % 50 == 7 ? ("network/ici", "ici") : ("network/tmp", "tmp");
            await trail.RecordAsync(Line($"line-{i:D3}", start.AddSeconds(i)) with { Tenant = path, TenantId = tenant });
        }
        Assert.True(SqlAuditTrail.NewestFirstScanIsCheaper(matching: 294, rows: 300, pageEnd: 20));
        Assert.False(SqlAuditTrail.NewestFirstScanIsCheaper(matching: 6, rows: 300, pageEnd: 20));

        var wide = await trail.ListAsync(TenantPath.Parse("network"), new AuditQuery(null, null, null, null, 10, 20));
        Assert.Equal(300, wide.Total);
        Assert.Equal(Enumerable.Range(270, 20).Reverse().Select(i => $"line-{i:D3}"), wide.Items.Select(e => e.Id));

        var narrow = await trail.ListAsync(TenantPath.Parse("network/ici"), new AuditQuery(null, null, null, null, 0, 20));
        Assert.Equal(6, narrow.Total);
        Assert.Equal(Enumerable.Range(0, 6).Select(k => $"line-{257 - (50 * k):D3}"), narrow.Items.Select(e => e.Id));
    }

    private static AuditEntry Line(string id, DateTimeOffset at) => new(id, at, "network/tmp", "tmp",
        AuditActor.ForKey(TenantCaller.ForKey(TenantPath.Parse("network/tmp"), TenantRole.Member, "k-1"), "TMP staff", AuditDoors.Web),
        AuditActions.CommitmentProgress, "commitment/c-1", AuditOutcomes.Refused, "forbidden: no", null);

    private async Task<StorageOptions> MigratedAsync()
    {
        var storage = new StorageOptions { Sqlite = new SqliteStorageOptions { Path = _directory.File("audit.db") } };
        await SchemaMigrator.ApplyAsync(storage, NullLogger.Instance, CancellationToken.None);
        return storage;
    }

    public void Dispose() => _directory.Dispose();
}
