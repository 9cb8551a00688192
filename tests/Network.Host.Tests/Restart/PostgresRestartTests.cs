using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Restart;

[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartTests(PostgresServer postgres)
{
    [Fact]
    public async Task Everything_written_survives_a_sigkill()
    {
        var connectionString = await postgres.CreateDatabaseAsync("restart_" + Guid.NewGuid().ToString("N")[..8]);
        await RestartScenario.RunAsync(HostSettings.Postgres(connectionString, "bootstrap-" + Guid.NewGuid().ToString("N")));
    }
}
