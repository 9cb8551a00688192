using System.Net;
using System.Net.Http.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Sessions;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Workflows;

/// <summary>
/// Workflow instances across a SIGKILL, the same on SQLite and on PostgreSQL. Importing a report records
/// commitments, which start <c>commitment-lifecycle</c> instances that wait for progress (an event with a timeout)
/// and for their monthly check-in (a timer). The host is killed while they wait and started again on the same
/// database: the instances, their journals and their reminders are still there, progress resumes an instance once,
/// and an event handed on again after a crash (same event id) is taken once.
/// </summary>
public static class WorkflowRestartScenario
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(HostSettings settings, StoreProbe store)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        ForumScope scope;
        FollowedCommitment followed, redelivered;
        List<JournalEntryResource> before;

        await using (var first = await HostProcess.StartAsync(settings))
        {
            using var root = first.CreateClient(settings.BootstrapKey);
            scope = await ForumScope.CreateAsync(root);
            using var coordinator = first.CreateClient(scope.CoordinatorKey);
            var ids = await scope.ImportSessionCAsync(coordinator);
            followed = new FollowedCommitment(scope, ids[0]);
            redelivered = new FollowedCommitment(scope, ids[1]);

            var instance = await followed.InstanceAsync(coordinator);
            Assert.Equal(("commitment-lifecycle", "waiting"), (instance.DefinitionId, instance.Status));
            Assert.Contains("watch-for-progress", instance.WaitingAt);
            Assert.Contains("monthly-check-in", instance.WaitingAt);
            Assert.NotNull(instance.NextDueAt);
            Assert.True(await store.HasWakeReminderAsync(followed.InstanceKey));
            Assert.Equal("started", (await followed.JournalAsync(coordinator))[0].Kind);

            // The blocked commitment is held by dependency-wait instead of starting its lifecycle.
            var blocked = new FollowedCommitment(scope, ids[3]);
            Assert.Equal("dependency-wait", (await coordinator.GetFromJsonAsync<WorkflowInstanceResource>(
                $"api/tenants/{scope.Forum.Id}/workflow-instances/dependency-wait--{blocked.CommitmentId}"))!.DefinitionId);
            await Infrastructure.Api.AssertProblemAsync(await coordinator.GetAsync(new Uri(blocked.InstanceUri, UriKind.Relative)), HttpStatusCode.NotFound);

            using (var progress = await followed.ReportProgressAsync(coordinator, "limited"))
            {
                await Infrastructure.Api.EnsureStatusAsync(progress, HttpStatusCode.OK);
            }
            // The answer follows the stored change; the instance resumes on its event shortly after.
            before = await Eventually.ReadAsync(() => followed.JournalAsync(coordinator), j => j.Any(l => l.Kind == "event-received"));
            Assert.Single(before, j => j.Kind == "event-received" && j.Step == "watch-for-progress");

            // The crash window of the outbox: the event reaches the instance, the host dies before writing it off.
            await store.HoldOutboxAsync(redelivered.CommitmentKey);
            using (await redelivered.ReportProgressAsync(coordinator, "limited"))
            {
                // Its answer does not matter: what a crash leaves is what is stored, checked here and below.
            }
            Assert.Equal(1, await Eventually.ReadAsync(() => redelivered.ResumesAsync(coordinator), n => n >= 1));
            Assert.Equal(1, await store.OutboxLengthAsync(redelivered.CommitmentKey));

            await first.KillAsync();
        }
        await store.ReleaseOutboxAsync();

        await using var second = await HostProcess.StartAsync(settings);
        using var again = second.CreateClient(scope.CoordinatorKey);

        // Still there, still waiting where it was, with every journal line and its reminder.
        var after = await followed.JournalAsync(again);
        Assert.Equal(before.Select(j => (j.At, j.Kind, j.Step)), after.Take(before.Count).Select(j => (j.At, j.Kind, j.Step)));
        var waiting = await followed.InstanceAsync(again);
        Assert.Equal("waiting", waiting.Status);
        Assert.Contains("watch-for-progress", waiting.WaitingAt);
        Assert.True(await store.HasWakeReminderAsync(followed.InstanceKey));

        // The start hands the held event on again, with its id; once the outbox is written off the instance has
        // seen it twice, and must have taken it once.
        var left = await Eventually.ReadAsync(() => store.OutboxLengthAsync(redelivered.CommitmentKey), n => n == 0, Patience);
        Assert.Equal(0, left);
        Assert.Equal(1, await redelivered.ResumesAsync(again));

        // Progress after the restart still finds the instance (the wait index survived) and resumes it once.
        using (var progress = await followed.ReportProgressAsync(again, "substantial"))
        {
            await Infrastructure.Api.EnsureStatusAsync(progress, HttpStatusCode.OK);
        }
        Assert.Equal(2, await Eventually.ReadAsync(() => followed.ResumesAsync(again), n => n >= 2));
        var commitment = (await again.GetFromJsonAsync<CommitmentResource>(followed.CommitmentUri))!;
        Assert.Equal(["imported", "progress", "progress"], commitment.History.Select(h => h.Kind));

        // A foreign key sees nothing of it.
        using var rootAgain = second.CreateClient(settings.BootstrapKey);
        var other = await ForumScope.CreateAsync(rootAgain);
        using var foreign = second.CreateClient(other.CoordinatorKey);
        await Infrastructure.Api.AssertProblemAsync(await foreign.GetAsync(new Uri(followed.InstanceUri, UriKind.Relative)), HttpStatusCode.NotFound);
        await Infrastructure.Api.AssertProblemAsync(await foreign.GetAsync(new Uri(followed.InstanceUri + "/journal", UriKind.Relative)), HttpStatusCode.NotFound);

        // An instance that ends leaves no reminder behind to wake it.
        using (var cancel = await again.PostAsJsonAsync(followed.InstanceUri + ":cancel", new CancelInstanceRequest("withdrawn")))
        {
            await Infrastructure.Api.EnsureStatusAsync(cancel, HttpStatusCode.OK);
        }
        Assert.Equal("cancelled", (await followed.InstanceAsync(again)).Status);
        Assert.False(await store.HasWakeReminderAsync(followed.InstanceKey));
        Assert.True(await store.HasWakeReminderAsync(redelivered.InstanceKey));
    }
}
