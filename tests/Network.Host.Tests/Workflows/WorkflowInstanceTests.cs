using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Workflows;

/// <summary>Recording a commitment starts its workflow; the instance hears progress and survives a SIGKILL.</summary>
public sealed class WorkflowInstanceTests
{
    [Fact]
    public async Task Importing_starts_instances_whose_journal_is_readable_and_survives_a_sigkill()
    {
        using var directory = new TempDirectory("network-workflows");
        var settings = HostSettings.Sqlite(directory.File("network.db"), "bootstrap-" + Guid.NewGuid().ToString("N"));
        ForumScope scope;
        ImportResultDocument import;
        List<JournalEntryResource> before;

        await using (var first = await HostProcess.StartAsync(settings))
        {
            using var root = first.CreateClient(settings.BootstrapKey);
            scope = await ForumScope.CreateAsync(root);
            using var coordinator = first.CreateClient(scope.CoordinatorKey);
            using var response = await coordinator.PostAsync(new Uri(scope.ImportUri(), UriKind.Relative), ForumScope.Text(SampleReports.GfmdSessionC));
            await Infrastructure.Api.EnsureStatusAsync(response, HttpStatusCode.Created);
            import = (await response.Content.ReadFromJsonAsync<ImportResultDocument>())!;
            var forum = scope.Forum.Id;

            var lifecycle = (await coordinator.GetFromJsonAsync<WorkflowInstanceResource>(
                $"api/tenants/{forum}/workflow-instances/commitment-lifecycle--{import.CommitmentIds[0]}"))!;
            Assert.Equal("commitment-lifecycle", lifecycle.DefinitionId);
            Assert.Contains("watch-for-progress", lifecycle.WaitingAt);
            Assert.NotNull(lifecycle.NextDueAt);

            // The blocked commitment is held by dependency-wait instead of starting its lifecycle.
            Assert.Equal("dependency-wait", (await coordinator.GetFromJsonAsync<WorkflowInstanceResource>(
                $"api/tenants/{forum}/workflow-instances/dependency-wait--{import.CommitmentIds[3]}"))!.DefinitionId);
            await Infrastructure.Api.AssertProblemAsync(await coordinator.GetAsync(new Uri(
                $"api/tenants/{forum}/workflow-instances/commitment-lifecycle--{import.CommitmentIds[3]}", UriKind.Relative)), HttpStatusCode.NotFound);

            using var progress = await coordinator.PostAsJsonAsync($"api/tenants/{forum}/commitments/{import.CommitmentIds[0]}/progress",
                new ReportProgressRequest("limited", "Materials drafted"));
            await Infrastructure.Api.EnsureStatusAsync(progress, HttpStatusCode.OK);

            before = (await coordinator.GetFromJsonAsync<List<JournalEntryResource>>(
                $"api/tenants/{forum}/workflow-instances/commitment-lifecycle--{import.CommitmentIds[0]}/journal"))!;
            Assert.Equal("started", before[0].Kind);
            Assert.Contains(before, j => j.Kind == "event-received" && j.Step == "watch-for-progress");
            await first.KillAsync();
        }

        await using var second = await HostProcess.StartAsync(settings);
        using var again = second.CreateClient(scope.CoordinatorKey);
        var uri = $"api/tenants/{scope.Forum.Id}/workflow-instances/commitment-lifecycle--{import.CommitmentIds[0]}";
        var after = (await again.GetFromJsonAsync<List<JournalEntryResource>>(uri + "/journal"))!;
        Assert.Equal(before.Select(j => (j.At, j.Kind, j.Step)), after.Take(before.Count).Select(j => (j.At, j.Kind, j.Step)));

        // The wait index survived too: progress after the restart still reaches the instance.
        using var progressAgain = await again.PostAsJsonAsync($"api/tenants/{scope.Forum.Id}/commitments/{import.CommitmentIds[0]}/progress",
            new ReportProgressRequest("substantial"));
        await Infrastructure.Api.EnsureStatusAsync(progressAgain, HttpStatusCode.OK);
        var latest = (await again.GetFromJsonAsync<List<JournalEntryResource>>(uri + "/journal"))!;
        Assert.Equal(before.Count(j => j.Kind == "event-received") + 1, latest.Count(j => j.Kind == "event-received"));

        // And a foreign key sees nothing of it.
        using var root2 = second.CreateClient(settings.BootstrapKey);
        var other = await ForumScope.CreateAsync(root2);
        using var foreign = second.CreateClient(other.CoordinatorKey);
        await Infrastructure.Api.AssertProblemAsync(await foreign.GetAsync(new Uri(uri, UriKind.Relative)), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(await foreign.GetAsync(new Uri(uri + "/journal", UriKind.Relative)), HttpStatusCode.NotFound);
    }
}
