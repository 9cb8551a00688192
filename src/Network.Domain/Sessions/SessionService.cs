using Network.Contracts.Sessions;
using Network.Domain.Audit;
using Network.Domain.Commitments;
using Network.Domain.Errors;
using Network.Domain.ReadModel;
using Network.Domain.Reports;
using Network.Domain.Tenancy;

namespace Network.Domain.Sessions;

/// <summary>Sessions: import a report (as text or structured), export one, and list those of a subtree.</summary>
public sealed class SessionService(CallerAccess access, SessionImporter importer, ICommitmentReadModel commitments, IGrainFactory grains, Auditor auditor, Quotas.TenantQuotas quotas)
{
    /// <summary>Imports a session report (session-letter text); text that is not one is a <see cref="ReportFormatException"/>. Coordinators only.</summary>
    public Task<SessionImportOutcome> ImportTextAsync(string tenantId, string text, DateOnly? date, bool dryRun, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A dry run changes nothing, so only a real import is recorded (done or refused).
        return dryRun
            ? ImportTextCoreAsync(tenantId, text, date, dryRun, ct)
            : auditor.ChangeAsync(AuditActions.SessionImport, tenantId, "sessions", () => ImportTextCoreAsync(tenantId, text, date, dryRun, ct));
    }

    private async Task<SessionImportOutcome> ImportTextCoreAsync(string tenantId, string text, DateOnly? date, bool dryRun, CancellationToken ct)
    {
        var home = await access.TenantAsync(tenantId);
        CallerAccess.RequireCoordinator("import sessions");
        await quotas.UseImportBytesAsync(home, System.Text.Encoding.UTF8.GetByteCount(text));
        var report = SessionReportParser.Parse(text, date);
        return await ImportAsync(home, report, dryRun, ct);
    }

    /// <summary>Imports a session in structured form (as <see cref="GetAsync"/> exports it). Coordinators only.</summary>
    public Task<SessionImportOutcome> ImportDocumentAsync(string tenantId, SessionResource document, bool dryRun, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return dryRun
            ? ImportDocumentCoreAsync(tenantId, document, dryRun, ct)
            : auditor.ChangeAsync(AuditActions.SessionImport, tenantId, "sessions", () => ImportDocumentCoreAsync(tenantId, document, dryRun, ct));
    }

    private async Task<SessionImportOutcome> ImportDocumentCoreAsync(string tenantId, SessionResource document, bool dryRun, CancellationToken ct)
    {
        var home = await access.TenantAsync(tenantId);
        CallerAccess.RequireCoordinator("import sessions");
        await quotas.UseImportBytesAsync(home, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(document).LongLength);
        SessionDocumentRules.Validate(document);
        return await ImportAsync(home, document.ToParsed(), dryRun, ct);
    }

    public async Task<SessionResource> GetAsync(string tenantId, string sessionId)
    {
        var home = await access.TenantAsync(tenantId);
        LocalIds.EnsureValid(sessionId, "id");
        var session = await grains.GetGrain<ISessionGrain>(TenantScopedKey.For(home, sessionId)).Describe()
            ?? throw new DomainNotFoundException($"No session '{sessionId}'.");
        var drafts = new Dictionary<string, CommitmentDraft>();
        foreach (var commitmentId in session.Session.Periods.SelectMany(p => p.CommitmentIds))
        {
            if (await grains.GetGrain<ICommitmentGrain>(TenantScopedKey.For(home, commitmentId)).Describe() is { } commitment)
            {
                drafts[commitmentId] = commitment.Draft;
            }
        }
        return session.Session.ToDocument(drafts);
    }

    /// <summary>
    /// The sessions of the tenant's subtree: those of the commitments it is home to or owns (one read-model query),
    /// with each session's title and date from its grain.
    /// </summary>
    public async Task<IReadOnlyList<SessionListItem>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        var caller = CallerAccess.Caller;
        var scope = await access.TenantAsync(tenantId);
        var rows = await commitments.SessionsAsync(scope.Value, ct);
        var items = new List<SessionListItem>(rows.Count);
        foreach (var row in rows)
        {
            var home = TenantPath.Parse(row.HomeTenant);
            SessionSnapshot? session;
            // An owner sees commitments of a session homed where it cannot reach, and each of them already carries
            // the session's title; the session grain itself only answers callers of its home, so ask as the engine.
            using (TenantCallContext.Enter(caller.CanReach(home) ? caller : TenantCaller.System))
            {
                session = await grains.GetGrain<ISessionGrain>(TenantScopedKey.For(home, row.SessionId)).Describe();
            }
            items.Add(new SessionListItem(
                home.TenantId, row.SessionId, session?.Session.Title ?? row.SessionId, session?.Session.HeldOn,
                row.ByStatus.Values.Sum(), row.ByStatus));
        }
        return items;
    }

    private async Task<SessionImportOutcome> ImportAsync(TenantPath home, ParsedSessionReport report, bool dryRun, CancellationToken ct)
    {
        var sessionId = SessionImporter.SessionId(report);
        using var _ = AuditOperation.Refine(home.Value, $"session/{sessionId}");
        var existed = await grains.GetGrain<ISessionGrain>(TenantScopedKey.For(home, sessionId)).Describe() is not null;
        if (!dryRun && !existed)
        {
            // Each commitment starts its lifecycle: room for them all, or none is made.
            await quotas.RequireRoomForInstancesAsync(home, report.Periods.Sum(p => p.Commitments.Count), ct);
        }
        var result = await importer.ImportAsync(home, report, dryRun, ct);
        var created = !dryRun && !existed;
        var body = new ImportResultResource(
            result.Session.ToDocument(result.Commitments.ToDictionary(c => c.Id)),
            result.Commitments.Select(c => c.Id).ToList(),
            result.UnresolvedNames,
            dryRun,
            created);
        return new SessionImportOutcome(body, created, $"/api/tenants/{home.TenantId}/sessions/{sessionId}");
    }
}
