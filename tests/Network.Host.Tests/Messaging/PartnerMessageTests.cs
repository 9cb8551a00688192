using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Audit;
using Network.Contracts.Messaging;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;

namespace Network.Host.Tests.Messaging;

/// <summary>
/// The rest of what a partner does over its link: a .NET partner sends the contract records with MassTransit, a
/// task the network opens for the partner arrives as TaskAssigned and is answered with CompleteTask, and an
/// expression of interest lands in the commitment's history.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public sealed class PartnerMessageTests(RabbitMqServer broker)
{
    [Fact]
    public async Task A_dotnet_partner_sends_the_contract_records_through_MassTransit()
    {
        await using var forum = await LinkedForum.StartAsync(broker);
        var services = new ServiceCollection();
        services.AddMassTransit(bus => bus.UsingRabbitMq((_, rabbit) =>
            rabbit.Host(broker.Host, (ushort)broker.AmqpPort, "/", host =>
            {
                host.Username("guest");
                host.Password("guest");
            })));
        await using var provider = services.BuildServiceProvider();
        var partnerBus = provider.GetRequiredService<IBusControl>();
        await partnerBus.StartAsync();
        try
        {
            // MassTransit declares what it sends to; the address carries the arguments the host made the exchange with.
            // A send it cannot complete (e.g. the broker refusing a declaration that differs) retries without end: bounded here.
            var inbound = await partnerBus.GetSendEndpoint(TenantLinks.InboundAddress(forum.Scope.Tmp.Id));
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await inbound.Send(
                new ReportProgress("mt-1", forum.Scope.Tmp.Id, DateTimeOffset.UtcNow, forum.OwnCommitment, "limited", "sent with MassTransit"),
                context => context.Headers.Set(TenantLinks.KeyHeader, forum.TmpKey), patience.Token);

            var updated = await Eventually.ReadAsync(() => forum.CommitmentAsync(forum.OwnCommitment), c => c.Status == "limited");
            Assert.Equal("sent with MassTransit", Assert.Single(updated.History, h => h.Kind == "progress").Note);
        }
        finally
        {
            await partnerBus.StopAsync();
        }
    }

    [Fact]
    public async Task A_task_assigned_over_the_link_is_answered_over_it_and_interest_is_recorded()
    {
        await using var forum = await LinkedForum.StartAsync(broker);
        var tmp = forum.Scope.Tmp.Id;

        // The report's forum has passed, so each lifecycle opens its owners' progress-report task at once.
        var assigned = await forum.ReceiveAsync(forum.OutQueue,
            m => m.BasicProperties.Type == nameof(TaskAssigned) && LinkedForum.Text(m).Contains(forum.OwnCommitment, StringComparison.Ordinal));
        string homeTenant, instanceId, taskId;
        using (var envelope = JsonDocument.Parse(LinkedForum.Text(assigned)))
        {
            var task = envelope.RootElement.GetProperty("message");
            (homeTenant, instanceId, taskId) = (task.GetProperty("homeTenant").GetString()!, task.GetProperty("instanceId").GetString()!,
                task.GetProperty("taskId").GetString()!);
            Assert.Equal(tmp, task.GetProperty("tenantId").GetString());
        }

        await forum.PublishPlainAsync(nameof(CompleteTask), new
        {
            messageId = "answer-1",
            tenantId = tmp,
            occurredAt = DateTimeOffset.UtcNow,
            homeTenant,
            instanceId,
            taskId,
            result = new { status = "substantial", summary = "Two trainings held" },
        }, forum.TmpKey);
        await forum.PublishPlainAsync(nameof(ExpressInterest), new
        {
            messageId = "interest-1",
            tenantId = tmp,
            commitmentId = forum.OwnCommitment,
            note = "We can host the next workshop",
        }, forum.TmpKey);

        var tasksUri = $"api/tenants/{forum.Scope.Forum.Id}/workflow-instances/{instanceId}/tasks";
        var tasks = await Eventually.ReadAsync(() => forum.Coordinator.GetFromJsonAsync<List<WorkflowTaskResource>>(tasksUri),
            list => list!.Exists(t => t.Id == taskId && t.Status == "completed"));
        var answered = Assert.Single(tasks!, t => t.Id == taskId);
        Assert.Equal("completed", answered.Status);
        Assert.Equal("substantial", answered.Result!["status"]!.GetValue<string>());

        // The answer is the owners' report for the forum, which the lifecycle then publishes.
        var report = await forum.ReceiveAsync(forum.OutQueue,
            m => m.BasicProperties.Type == nameof(ReportPublished) && LinkedForum.Text(m).Contains(forum.OwnCommitment, StringComparison.Ordinal));
        using (var envelope = JsonDocument.Parse(LinkedForum.Text(report)))
        {
            var published = envelope.RootElement.GetProperty("message");
            Assert.Equal("forum", published.GetProperty("milestone").GetString());
            Assert.Equal("Two trainings held", published.GetProperty("report").GetProperty("summary").GetString());
        }

        var commitment = await Eventually.ReadAsync(() => forum.CommitmentAsync(forum.OwnCommitment), c => c.History.Any(h => h.Kind == "interest"));
        var interest = Assert.Single(commitment.History, h => h.Kind == "interest");
        Assert.Equal("We can host the next workshop", interest.Note);
        Assert.EndsWith("via message interest-1", interest.By, StringComparison.Ordinal);
        Assert.Equal(0, await forum.QueueDepthAsync(forum.ErrorQueue));

        // The audit trail names the partner's integration key and each message's id: the task's answer is the
        // partner's doing, though the task service completes it with the engine's authority.
        var audit = (await forum.Coordinator.GetFromJsonAsync<AuditEntryPage>($"api/tenants/{forum.Scope.Forum.Id}/audit?limit=200"))!;
        var answer = Assert.Single(audit.Items, e => e.Action == "task.complete");
        Assert.Equal(("key", "integration", "bus", "answer-1"), (answer.Actor.Kind, answer.Actor.Role, answer.Actor.Door, answer.Actor.MessageId));
        Assert.Equal($"instance/{instanceId}/task/{taskId}", answer.Target);
        var expressed = Assert.Single(audit.Items, e => e.Action == "commitment.interest");
        Assert.Equal(("interest-1", interest.By), (expressed.Actor.MessageId, expressed.Actor.Name));
    }
}
