using Network.Host.Storage;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.ReadModel;

/// <summary>The read model on a real, throwaway PostgreSQL server; each test has its own database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReadModelTests(PostgresServer server) : ReadModelContractTests
{
    protected override async Task<StorageOptions> FreshStorageAsync() => new()
    {
        Provider = StorageOptions.PostgreSqlProviderName,
        ConnectionString = await server.CreateDatabaseAsync(),
    };

    protected override string JsonValue(string parameter) => $"CAST({parameter} AS json)";
}
