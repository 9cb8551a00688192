using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Messaging;
using Network.Domain.Errors;
using Network.Domain.Telemetry;
using Network.Host.Tests.Infrastructure;
using Network.Messaging.Inbound;

namespace Network.Host.Tests.Messaging;

/// <summary>
/// The retry policy of the tenants' inbound endpoints, on MassTransit's in-memory test harness (a consumer that fails
/// on purpose cannot be made to fail inside the real host): a failure that may pass is retried and then applied once,
/// one that never passes goes to the error queue after the retries, and a refusal goes there at once; the link
/// metrics count each arrival once, each retry, and each refusal by its reason.
/// </summary>
public sealed class LinkRetryPolicyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Behaves as the message's summary says, counting the attempts per message id.</summary>
    private sealed class ScriptedConsumer(ConcurrentDictionary<string, int> attempts) : IConsumer<CampaignUpdated>
    {
        public Task Consume(ConsumeContext<CampaignUpdated> context)
        {
            var attempt = attempts.AddOrUpdate(context.Message.MessageId, 1, (_, n) => n + 1);
            return context.Message.Summary switch
            {
                "fails twice" when attempt <= 2 => throw new TimeoutException("the silo is restarting (test)"),
                "always fails" => throw new InvalidOperationException("this never works (test)"),
                "refused" => throw new MessageRefusedException("not yours (test)"),
                "invalid" => throw new DomainValidationException("status", "'finished' is not a status (test)"),
                _ => Task.CompletedTask,
            };
        }
    }

    private static async Task<(ITestHarness Harness, ConcurrentDictionary<string, int> Attempts, ServiceProvider Provider)> StartAsync()
    {
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var services = new ServiceCollection();
        services.AddSingleton(attempts);
        services.AddMetrics();
        services.AddSingleton<NetworkMetrics>();
        services.AddMassTransitTestHarness(bus =>
        {
            bus.AddConsumer<ScriptedConsumer>();
            bus.SetTestTimeouts(testTimeout: Patience, testInactivityTimeout: TimeSpan.FromSeconds(60));
            bus.UsingInMemory((context, transport) => transport.ReceiveEndpoint("network.tenant.test.in", endpoint =>
            {
                LinkRetryPolicy.Apply(endpoint, context.GetRequiredService<NetworkMetrics>());
                endpoint.ConfigureConsumer<ScriptedConsumer>(context);
            }));
        });
        var provider = services.BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return (harness, attempts, provider);
    }

    private static CampaignUpdated Message(string id, string behaviour) => new(id, "test", DateTimeOffset.UtcNow, "together", behaviour);

    private static async Task<bool> FaultedAsync(ITestHarness harness, string messageId) =>
        await harness.Published.Any<Fault<CampaignUpdated>>(f => f.Context.Message.Message.MessageId == messageId);

    [Fact]
    public async Task A_failure_that_passes_is_retried_and_the_message_applied()
    {
        var (harness, attempts, provider) = await StartAsync();
        await using var _ = provider;
        await harness.Bus.Publish(Message("flaky", "fails twice"));

        var tries = await Eventually.ReadAsync(() => Task.FromResult(attempts.GetValueOrDefault("flaky")), n => n >= 3, Patience);
        Assert.Equal(3, tries);
        Assert.True(await harness.Consumed.Any<CampaignUpdated>(c => c.Context.Message.MessageId == "flaky" && c.Exception is null));
        Assert.False(await FaultedAsync(harness, "flaky"));
    }

    [Fact]
    public async Task A_failure_that_never_passes_goes_to_the_error_queue_after_the_retries()
    {
        var (harness, attempts, provider) = await StartAsync();
        await using var _ = provider;
        await harness.Bus.Publish(Message("poison", "always fails"));

        var tries = await Eventually.ReadAsync(() => Task.FromResult(attempts.GetValueOrDefault("poison")), n => n >= 1 + LinkRetryPolicy.Retries, Patience);
        Assert.Equal(1 + LinkRetryPolicy.Retries, tries);
        Assert.True(await FaultedAsync(harness, "poison"));
        var fault = (await harness.Published.SelectAsync<Fault<CampaignUpdated>>().First()).Context.Message;
        Assert.Contains("this never works", fault.Exceptions[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("invalid")]
    public async Task A_refusal_or_invalid_content_goes_to_the_error_queue_at_once(string behaviour)
    {
        var (harness, attempts, provider) = await StartAsync();
        await using var _ = provider;
        await harness.Bus.Publish(Message(behaviour, behaviour));

        Assert.True(await FaultedAsync(harness, behaviour));
        Assert.Equal(1, attempts.GetValueOrDefault(behaviour));
    }

    [Fact]
    public async Task The_metrics_count_arrivals_retries_and_refusals()
    {
        var (harness, attempts, provider) = await StartAsync();
        await using var _ = provider;
        // This provider's meter only (other tests' hosts in this process have meters named "Network" too).
        var factory = provider.GetRequiredService<IMeterFactory>();
        var counts = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == NetworkMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var reason = tags.ToArray().FirstOrDefault(t => t.Key == "reason").Value;
            counts.AddOrUpdate(reason is null ? instrument.Name : $"{instrument.Name}/{reason}", value, (_, n) => n + value);
        });
        listener.Start();

        await harness.Bus.Publish(Message("m-flaky", "fails twice"));
        await harness.Bus.Publish(Message("m-refused", "refused"));
        await harness.Bus.Publish(Message("m-invalid", "invalid"));
        await harness.Bus.Publish(Message("m-fine", "fine"));

        Assert.True(await harness.Consumed.Any<CampaignUpdated>(c => c.Context.Message.MessageId == "m-flaky" && c.Exception is null));
        Assert.True(await FaultedAsync(harness, "m-refused"));
        Assert.True(await FaultedAsync(harness, "m-invalid"));
        Assert.True(await harness.Consumed.Any<CampaignUpdated>(c => c.Context.Message.MessageId == "m-fine" && c.Exception is null));
        await Eventually.ReadAsync(() => Task.FromResult(counts.GetValueOrDefault(NetworkMetricNames.LinkMessagesRefused + "/invalid")), n => n >= 1);

        Assert.Equal(4, counts.GetValueOrDefault(NetworkMetricNames.LinkMessagesIn));
        Assert.Equal(2, counts.GetValueOrDefault(NetworkMetricNames.LinkMessagesRetried));
        Assert.Equal(1, counts.GetValueOrDefault(NetworkMetricNames.LinkMessagesRefused + "/refused"));
        Assert.Equal(1, counts.GetValueOrDefault(NetworkMetricNames.LinkMessagesRefused + "/invalid"));
        Assert.Equal(3, attempts.GetValueOrDefault("m-flaky"));
    }
}
