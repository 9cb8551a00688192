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
