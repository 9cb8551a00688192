using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Messaging;
using Network.Contracts.Workflows;
using RabbitMQ.Client;

namespace Network.Host.Tests.Cluster;

/// <summary>One request of the load: which silo served it, when, and how it failed (null when acknowledged).</summary>
public sealed record LoadRequest(int Silo, string Operation, DateTimeOffset StartedAt, DateTimeOffset EndedAt, string? Failure);

/// <summary>
/// The load a forum puts on the cluster, from <see cref="Callers"/> callers at once over HTTP to the silos in rotation
/// — progress updates (each delivers an event to the commitment's workflow instance), instance starts of "tick" (a
/// one-minute timer), new tenants and reads — and from TMP's own system over its link: progress messages published
/// to RabbitMQ, every fifth one twice. It keeps a ledger of everything acknowledged, to be found afterwards exactly once.
/// </summary>
public sealed class ClusterLoad(ThreeSiloCluster cluster, string run) : IAsyncDisposable
{
    public const int Callers = 6;

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private int _tickBudget;

    public ConcurrentQueue<LoadRequest> Requests { get; } = new();

    /// <summary>Progress notes the API acknowledged (200), by commitment.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<string>> Progress { get; } = new();

    /// <summary>Progress notes TMP's system published (broker-confirmed), by commitment.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<string>> Published { get; } = new();

    /// <summary>Instances of "tick" whose start was acknowledged (201), with the time their timer is due.</summary>
    public ConcurrentDictionary<string, DateTimeOffset> Ticks { get; } = new();

    public ConcurrentBag<string> Tenants { get; } = [];

    /// <summary>Starts the callers; at most <paramref name="ticks"/> instances of "tick" are started in all.</summary>
    public void Start(int ticks)
    {
        _tickBudget = ticks;
        for (var caller = 0; caller < Callers; caller++)
        {
            var id = caller;
            _workers.Add(Task.Run(() => CallAsync(id)));
        }
        _workers.Add(Task.Run(PublishAsync));
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        _stop.Dispose();
    }

    /// <summary>Requests that failed, started at or after <paramref name="since"/> (all when null).</summary>
    public IReadOnlyList<LoadRequest> FailuresSince(DateTimeOffset? since = null) =>
        Requests.Where(r => r.Failure is not null && (since is null || r.StartedAt >= since)).ToList();

    public int Acknowledged => Requests.Count(r => r.Failure is null);

    private async Task CallAsync(int caller)
    {
        var coordinatorKey = cluster.Scope.CoordinatorKey;
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var turn = caller + n * Callers;
            switch (n % 4)
            {
                case 0 or 2:
                    var commitment = cluster.Commitments[(caller + n) % cluster.Commitments.Count];
                    var note = $"{run} http {caller}-{n}";
                    await RequestAsync(turn, coordinatorKey, "progress", async client =>
                    {
                        using var response = await client.PostAsJsonAsync(
                            $"api/tenants/{cluster.Scope.Forum.Id}/commitments/{commitment}/progress",
                            new ReportProgressRequest(n % 4 == 0 ? "limited" : "substantial", note));
                        await ExpectAsync(response, HttpStatusCode.OK);
                        Progress.GetOrAdd(commitment, _ => []).Add(note);
                    });
                    break;
                case 1 when Interlocked.Decrement(ref _tickBudget) >= 0:
                    var instance = $"tick--{run}-{caller}-{n}";
                    await RequestAsync(turn, coordinatorKey, "start", async client =>
                    {
                        using var response = await client.PostAsJsonAsync(
                            $"api/tenants/{cluster.Scope.Forum.Id}/workflow-instances", new StartInstanceRequest("tick", Id: instance));
                        await ExpectAsync(response, HttpStatusCode.Created);
                        Ticks[instance] = (await response.Content.ReadFromJsonAsync<WorkflowInstanceResource>())!.NextDueAt!.Value;
                    });
                    break;
                case 1:
                    var tenant = $"{run}-t{caller}x{n}";
                    await RequestAsync(turn, coordinatorKey, "tenant", async client =>
                    {
                        using var response = await client.PostAsJsonAsync("api/tenants",
                            new { id = tenant, name = "Tenant " + tenant, kind = "organisation", parent = cluster.Scope.Forum.Id });
                        await ExpectAsync(response, HttpStatusCode.Created);
                        Tenants.Add(tenant);
                    });
                    break;
                default:
                    var read = cluster.Commitments[n % cluster.Commitments.Count];
                    await RequestAsync(turn, coordinatorKey, "read", async client =>
                    {
                        using var response = await client.GetAsync(new Uri($"api/tenants/{cluster.Scope.Forum.Id}/commitments/{read}", UriKind.Relative));
                        await ExpectAsync(response, HttpStatusCode.OK);
                    });
                    break;
            }
        }
    }

    private async Task RequestAsync(int turn, string key, string operation, Func<HttpClient, Task> request)
    {
        var started = DateTimeOffset.UtcNow;
        var silo = -1;
        string? failure = null;
        try
        {
            await cluster.OnSiloInRotationAsync(turn, key, async (chosen, client) =>
            {
                silo = chosen;
                await request(client);
                return true;
            });
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or UnexpectedAnswerException)
        {
            failure = error.Message;
        }
        Requests.Enqueue(new LoadRequest(silo, operation, started, DateTimeOffset.UtcNow, failure));
        if (failure is not null)
        {
            // A well-behaved client waits before it tries again (as Retry-After asks of a 503), rather than turning
            // a few seconds of recovery into thousands of failed requests.
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                // The load is stopping.
            }
        }
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new UnexpectedAnswerException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>TMP's system: a progress message every 50 ms, on its own connection to the broker, with confirms.</summary>
    private async Task PublishAsync()
    {
        await using var connection = await cluster.Broker.CreateConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var commitment = cluster.TmpCommitments[n % cluster.TmpCommitments.Count];
            var note = $"{run} bus {n}";
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                messageId = $"{run}-bus-{n}",
                tenantId = cluster.Scope.Tmp.Id,
                occurredAt = DateTimeOffset.UtcNow,
                commitmentId = commitment,
                status = "substantial",
                note,
            }, JsonSerializerOptions.Web);
            var properties = new BasicProperties
            {
                Type = nameof(ReportProgress),
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                Headers = new Dictionary<string, object?> { [TenantLinks.KeyHeader] = cluster.TmpIntegrationKey },
            };
            // A partner's system that retries after a lost confirm sends the same message again: applied once.
            var copies = n % 5 == 0 ? 2 : 1;
            for (var copy = 0; copy < copies; copy++)
            {
                await channel.BasicPublishAsync(TenantLinks.InboundExchange(cluster.Scope.Tmp.Id), "", mandatory: false, properties, body);
            }
            Published.GetOrAdd(commitment, _ => []).Add(note);
            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed class UnexpectedAnswerException(string message) : Exception(message);
}
