using Network.Contracts.Sessions;

namespace Network.Domain.Sessions;

/// <summary>What an import did: the result, whether it created the session (not a dry run, not there before), and where it lives.</summary>
/// <param name="Location">The API path of the session, e.g. <c>/api/tenants/forum/sessions/gfmd-2016</c>.</param>
public sealed record SessionImportOutcome(ImportResultResource Result, bool Created, string Location);
