using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Workflows;

public sealed class SqliteWorkflowRestartTests
{
    [Fact]
    public async Task Waiting_instances_survive_a_sigkill_and_take_each_event_once()
    {
        using var directory = new TempDirectory("network-workflows");
        var database = directory.File("network.db");
        await WorkflowRestartScenario.RunAsync(
            HostSettings.Sqlite(database, "bootstrap-" + Guid.NewGuid().ToString("N")), new SqliteStoreProbe(database));
    }
}
