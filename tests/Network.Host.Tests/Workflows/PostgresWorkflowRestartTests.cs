using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Workflows;

[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkflowRestartTests(PostgresServer postgres)
{
    [Fact]
    public async Task Waiting_instances_survive_a_sigkill_and_take_each_event_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("workflows_" + Guid.NewGuid().ToString("N")[..8]);
        await WorkflowRestartScenario.RunAsync(
            HostSettings.Postgres(connectionString, "bootstrap-" + Guid.NewGuid().ToString("N")), new PostgresStoreProbe(connectionString));
    }
}
