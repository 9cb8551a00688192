using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Network.Contracts.Campaigns;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Restart;

/// <summary>
/// Imported commitments and their progress survive a SIGKILL, and lists (commitments, tenants, the workflow instances
/// the commitments started and their tasks, campaigns) are caught up after a crash.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CommitmentRestartTests(PostgresServer postgres)
{
    private const string WipeReadModel =
        "DELETE FROM commitment_owner; DELETE FROM commitment_list; DELETE FROM tenant_list; " +
        "DELETE FROM workflow_task_assignee; DELETE FROM workflow_task_list; DELETE FROM workflow_instance_list; " +
        "DELETE FROM campaign_partner; DELETE FROM campaign_list;";

    [Fact]
    public async Task On_sqlite_imports_and_progress_survive_a_sigkill_and_a_lost_read_model_is_rebuilt()
    {
        using var directory = new TempDirectory("network-commitments");
        var database = directory.File("network.db");
        await RunAsync(HostSettings.Sqlite(database, "bootstrap-" + Guid.NewGuid().ToString("N")), async () =>
        {
            await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
            await connection.OpenAsync();
            await using var wipe = connection.CreateCommand();
            wipe.CommandText = WipeReadModel;
            await wipe.ExecuteNonQueryAsync();
        });
    }

    [Fact]
    public async Task On_postgresql_imports_and_progress_survive_a_sigkill_and_a_lost_read_model_is_rebuilt()
    {
        var connectionString = await postgres.CreateDatabaseAsync("commitments_" + Guid.NewGuid().ToString("N")[..8]);
        await RunAsync(HostSettings.Postgres(connectionString, "bootstrap-" + Guid.NewGuid().ToString("N")), async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var wipe = connection.CreateCommand();
            wipe.CommandText = WipeReadModel;
            await wipe.ExecuteNonQueryAsync();
        });
    }

    /// <param name="loseReadModel">Empties the read model while the host is down: the worst a crash can do to lists.</param>
    private static async Task RunAsync(HostSettings settings, Func<Task> loseReadModel)
    {
        ForumScope scope;
        ImportResultResource import;

        await using (var first = await HostProcess.StartAsync(settings))
        {
            using var root = first.CreateClient(settings.BootstrapKey);
            scope = await ForumScope.CreateAsync(root);
            using var coordinator = first.CreateClient(scope.CoordinatorKey);
            using var response = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
            await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.Created);
            import = (await response.Content.ReadFromJsonAsync<ImportResultResource>())!;
            using var progress = await coordinator.PostAsJsonAsync($"api/tenants/{scope.Forum.Id}/commitments/{import.CommitmentIds[0]}/progress",
                new ReportProgressRequest("substantial", "Launched on 21 March"));
            await Infrastructure.Api.EnsureStatusAsync(progress, HttpStatusCode.OK);
            // Which tenants the owners' task is for is resolved after the import answered; wait until it is stored.
            using var tmpMember = first.CreateClient((await root.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
            var tmpTasks = await Eventually.ReadAsync(
                async () => (await tmpMember.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{scope.Tmp.Id}/tasks"))!, p => p.Total > 0);
            Assert.Equal(1, tmpTasks.Total);
            using var campaign = await coordinator.PutAsJsonAsync($"api/tenants/{scope.Forum.Id}/campaigns/solidarity",
                new CampaignResource("Solidarity campaign", new DateOnly(2017, 3, 21), [scope.Tmp.Id], [], [import.CommitmentIds[0]]));
            await Infrastructure.Api.EnsureStatusAsync(campaign, HttpStatusCode.OK);
            await first.KillAsync();
        }

        // Simulate the worst crash for the lists: the grain states were written, their list rows were not.
        await loseReadModel();

        await using var second = await HostProcess.StartAsync(settings);
        using var again = second.CreateClient(scope.CoordinatorKey);
        var list = (await again.GetFromJsonAsync<CommitmentPage>($"api/tenants/{scope.Forum.Id}/commitments"))!;
        Assert.Equal(import.CommitmentIds, list.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.Equal("substantial", list.Items.Single(i => i.Id == import.CommitmentIds[0]).Status);
        var commitment = (await again.GetFromJsonAsync<CommitmentResource>($"api/tenants/{scope.Forum.Id}/commitments/{import.CommitmentIds[0]}"))!;
        Assert.Equal(["imported", "progress"], commitment.History.Select(h => h.Kind));
        var session = (await again.GetFromJsonAsync<SessionResource>($"api/tenants/{scope.Forum.Id}/sessions/{import.Session.Id}"))!;
        Assert.Equal(4, session.Periods.Sum(p => p.Commitments.Count));
        // Name resolution works from the rebuilt tenant list too: a re-import resolves the same owners.
        using var reimport = await again.PostAsync(new Uri(scope.ImportUri("?dryRun=true"), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
        var dry = (await reimport.Content.ReadFromJsonAsync<ImportResultResource>())!;
        Assert.Contains(dry.Session.Periods[0].Commitments[0].Owners, o => o.Tenant == scope.Tmp.Id);

        // The workflow lists are rebuilt from the stored instances too, tasks with the tenants their role meant.
        var instances = (await again.GetFromJsonAsync<WorkflowInstancePage>($"api/tenants/{scope.Forum.Id}/workflow-instances"))!;
        Assert.Equal(5, instances.Total);
        Assert.Contains(instances.Items, i => i.Id == "session-report--" + import.Session.Id && i.Status == "waiting");
        Assert.Contains(instances.Items, i => i.Id == "commitment-lifecycle--" + import.CommitmentIds[0] && i.Status == "waiting" && i.OpenTasks == 1);
        using var rootAgain = second.CreateClient(settings.BootstrapKey);
        using var tmpAgain = second.CreateClient((await rootAgain.IssueKeyAsync(scope.Tmp.Id, "member")).Key);
        var tmpTask = Assert.Single((await tmpAgain.GetFromJsonAsync<WorkflowTaskPage>($"api/tenants/{scope.Tmp.Id}/tasks"))!.Items);
        Assert.Equal(("commitment-lifecycle--" + import.CommitmentIds[0], "forum-progress-report"), (tmpTask.InstanceId, tmpTask.Step));
        Assert.Contains(scope.Gcm.Id, tmpTask.Assignees);

        // The campaign list too, for its home tenant and for its partner.
        var campaigns = (await again.GetFromJsonAsync<CampaignPage>($"api/tenants/{scope.Forum.Id}/campaigns"))!;
        Assert.Equal(new CampaignSummaryResource("solidarity", scope.Forum.Id, "Solidarity campaign", new DateOnly(2017, 3, 21), 1, 0, 1), Assert.Single(campaigns.Items));
        Assert.Equal("solidarity", Assert.Single((await tmpAgain.GetFromJsonAsync<CampaignPage>($"api/tenants/{scope.Tmp.Id}/campaigns"))!.Items).Id);
    }
}
