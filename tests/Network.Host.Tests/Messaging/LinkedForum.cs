using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Network.Contracts.Commitments;
using Network.Contracts.Messaging;
using Network.Contracts.Sessions;
using Network.Contracts.Workflows;
using Network.Host.Tests.Infrastructure;
using RabbitMQ.Client;

namespace Network.Host.Tests.Messaging;

/// <summary>
/// A forum whose partner TMP has a link, seen from the outside as a partner's own system would: the host runs with
/// Messaging:Transport=RabbitMq against the test broker, the session report is imported (its commitments owned by
/// TMP, GCM and ICI), TMP gets an integration key, and a plain AMQP client (RabbitMQ.Client, no MassTransit) talks
/// to network.tenant.{tmp}.in and listens on a queue bound to network.tenant.{tmp}.out.
/// </summary>
public sealed class LinkedForum : IAsyncDisposable
{
    private const string BootstrapKey = "nwk_link-tests-bootstrap";

    /// <summary>How long a call of the test's own client waits on the broker before the test fails.</summary>
    private static readonly TimeSpan BrokerPatience = TimeSpan.FromSeconds(30);

    private readonly RabbitMqServer _broker;
    private readonly TempDirectory _data;
    private IConnection? _connection;

    private LinkedForum(RabbitMqServer broker, TempDirectory data, (string User, string Password)? hostUser, IReadOnlyDictionary<string, string>? settings)
    {
        _broker = broker;
        _data = data;
        var extra = new Dictionary<string, string>
        {
            ["Messaging:Transport"] = "RabbitMq",
            ["Messaging:RabbitMq:Host"] = broker.Host,
            ["Messaging:RabbitMq:Port"] = broker.AmqpPort.ToString(CultureInfo.InvariantCulture),
        };
        if (hostUser is { } user)
        {
            extra["Messaging:RabbitMq:Username"] = user.User;
            extra["Messaging:RabbitMq:Password"] = user.Password;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            extra[key] = value;
        }
        Settings = HostSettings.Sqlite(data.File("network.db"), BootstrapKey) with { Extra = extra };
    }

    public HostSettings Settings { get; }

    public HostProcess Host { get; private set; } = null!;

    public ForumScope Scope { get; private set; } = null!;

    public HttpClient Coordinator { get; private set; } = null!;

    public string TmpKey { get; private set; } = "";

    /// <summary>The id of <see cref="TmpKey"/>, to revoke it by.</summary>
    public string TmpKeyId { get; private set; } = "";

    /// <summary>A commitment TMP owns, and one of the forum's it does not own.</summary>
    public string OwnCommitment { get; private set; } = "";

    public string ForeignCommitment { get; private set; } = "";

    /// <summary>The commitment that waits on the UN campaign's structure (its dependency), and that dependency.</summary>
    public string BlockedCommitment { get; private set; } = "";

    public string BlockedDependency { get; private set; } = "";

    /// <summary>The queue bound to TMP's outbound exchange.</summary>
    public string OutQueue { get; private set; } = "";

    public string InExchange => TenantLinks.InboundExchange(Scope.Tmp.Id);

    public string ErrorQueue => TenantLinks.InboundExchange(Scope.Tmp.Id) + "_error";

    /// <param name="stallAfter">The forum's stallAfter for commitment-lifecycle, set before the import (null keeps the default).</param>
    /// <param name="hostUser">The broker user the host connects as (null: the broker's guest).</param>
    /// <param name="settings">More host settings (e.g. small limits), given after the link's own.</param>
    public static async Task<LinkedForum> StartAsync(
        RabbitMqServer broker, string? stallAfter = null, (string User, string Password)? hostUser = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var forum = new LinkedForum(broker, new TempDirectory("network-links"), hostUser, settings);
        try
        {
            await forum.SetUpAsync(stallAfter);
            return forum;
        }
        catch
        {
            // The caller never gets the forum to dispose: stop its host here, or it outlives the test run.
            await forum.DisposeAsync();
            throw;
        }
    }

    private async Task SetUpAsync(string? stallAfter)
    {
        await StartHostAsync();
        using var root = Root();
        Scope = await ForumScope.CreateAsync(root);
        Coordinator = Host.CreateClient(Scope.CoordinatorKey);
        if (stallAfter is not null)
        {
            using var set = await Coordinator.PutAsJsonAsync($"api/tenants/{Scope.Forum.Id}/workflows/commitment-lifecycle/settings",
                new WorkflowSettingsRequest(new Dictionary<string, string> { ["stallAfter"] = stallAfter }));
            await Infrastructure.Api.EnsureStatusAsync(set, HttpStatusCode.OK);
        }

        // The key first, so the outbound queue is bound before the import raises the first events.
        var tmpKey = await root.IssueKeyAsync(Scope.Tmp.Id, "integration", "TMP's CRM");
        (TmpKey, TmpKeyId) = (tmpKey.Key, tmpKey.Id);
        _connection = await _broker.CreateConnectionFactory().CreateConnectionAsync();
        var channel = await _connection.CreateChannelAsync();
        await using (channel)
        {
            OutQueue = (await channel.QueueDeclareAsync($"tmp-crm-{Guid.NewGuid():N}", durable: true, exclusive: false, autoDelete: false)).QueueName;
            await channel.QueueBindAsync(OutQueue, TenantLinks.OutboundExchange(Scope.Tmp.Id), "");
        }

        var ids = await Scope.ImportSessionCAsync(Coordinator);
        var owned = (await ListAsync(Scope.Tmp.Id)).Select(c => c.Id).ToHashSet();
        OwnCommitment = ids.First(owned.Contains);
        ForeignCommitment = ids.First(id => !owned.Contains(id));
        BlockedCommitment = ids[3];
        BlockedDependency = (await CommitmentAsync(ids[3])).Dependency!;
    }

    /// <summary>The test client's own connection, anew (after the broker restarted under it).</summary>
    public async Task ReconnectAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        _connection = await _broker.CreateConnectionFactory().CreateConnectionAsync();
    }

    public HttpClient Root() => Host.CreateClient(BootstrapKey);

    public async Task StartHostAsync() => Host = await HostProcess.StartAsync(Settings);

    public async Task<IReadOnlyList<CommitmentSummaryResource>> ListAsync(string tenantId) =>
        (await Coordinator.GetFromJsonAsync<CommitmentPage>($"api/tenants/{tenantId}/commitments?limit=200"))!.Items;

    public async Task<CommitmentResource> CommitmentAsync(string id) =>
        (await Coordinator.GetFromJsonAsync<CommitmentResource>($"api/tenants/{Scope.Forum.Id}/commitments/{id}"))!;

    /// <summary>The commitment's whole history (the commitment itself carries only the latest 50 entries).</summary>
    public async Task<List<HistoryEntryResource>> HistoryAsync(string id) =>
        (await Coordinator.GetFromJsonAsync<List<HistoryEntryResource>>($"api/tenants/{Scope.Forum.Id}/commitments/{id}/history"))!;

    /// <summary>Progress entries in the commitment's history: one per update applied.</summary>
    public async Task<int> ProgressCountAsync(string id) => (await HistoryAsync(id)).Count(h => h.Kind == "progress");

    /// <summary>
    /// Publishes plain camelCase JSON with the type in the AMQP "type" property, as a non-.NET client does. A broker that
    /// neither confirms nor refuses within <see cref="BrokerPatience"/> fails the test rather than hanging it.
    /// </summary>
    public async Task PublishPlainAsync(string type, object body, string? key, string? exchange = null, string? traceParent = null)
    {
        using var patience = new CancellationTokenSource(BrokerPatience);
        var channel = await _connection!.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), patience.Token);
        await using (channel)
        {
            var properties = new BasicProperties
            {
                Type = type,
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                Headers = new Dictionary<string, object?>(),
            };
            if (key is not null)
            {
                properties.Headers[TenantLinks.KeyHeader] = key;
            }
            if (traceParent is not null)
            {
                properties.Headers["traceparent"] = traceParent;
            }
            if (type.Length == 0)
            {
                properties.Type = null;
            }
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web);
            await channel.BasicPublishAsync(exchange ?? InExchange, "", mandatory: false, properties, bytes, patience.Token);
        }
    }

    /// <summary>
    /// Publishes as <see cref="PublishPlainAsync"/> does and says whether the broker confirmed the message (false when
    /// it refused it, e.g. 404 for an exchange that does not exist): a partner resends only what was not confirmed.
    /// </summary>
    public async Task<bool> TryPublishPlainAsync(string type, object body, string key, string exchange)
    {
        try
        {
            await PublishPlainAsync(type, body, key, exchange);
            return true;
        }
        catch (Exception refused) when (refused is RabbitMQ.Client.Exceptions.OperationInterruptedException
            or RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.PublishException)
        {
            return false;
        }
    }

    /// <summary>Whether the broker has an exchange of this name (a passive declaration, on a channel of its own).</summary>
    public Task<bool> ExchangeExistsAsync(string exchange) =>
        ExistsAsync(channel => channel.ExchangeDeclarePassiveAsync(exchange));

    /// <summary>Whether the broker has a queue of this name.</summary>
    public Task<bool> QueueExistsAsync(string queue) =>
        ExistsAsync(channel => channel.QueueDeclarePassiveAsync(queue));

    private async Task<bool> ExistsAsync(Func<IChannel, Task> declarePassive)
    {
        var channel = await _connection!.CreateChannelAsync();
        await using (channel)
        {
            try
            {
                await declarePassive(channel);
                return true;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
            {
                return false;
            }
        }
    }

    /// <summary>A connection of the test's own to the broker (the caller disposes it).</summary>
    public Task<IConnection> ConnectAsync() => _broker.CreateConnectionFactory().CreateConnectionAsync();

    public static object ReportProgress(string tenantId, string commitmentId, string status, string messageId, string? note = null) => new
    {
        messageId,
        tenantId,
        occurredAt = DateTimeOffset.UtcNow,
        commitmentId,
        status,
        note,
    };

    /// <summary>Waits for the next message on <paramref name="queue"/> that satisfies <paramref name="wanted"/>; others are taken off.</summary>
    public async Task<BasicGetResult> ReceiveAsync(string queue, Func<BasicGetResult, bool> wanted, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            var channel = await _connection!.CreateChannelAsync();
            await using (channel)
            {
                try
                {
                    while (DateTime.UtcNow < deadline)
                    {
                        var message = await channel.BasicGetAsync(queue, autoAck: true);
                        if (message is null)
                        {
                            await Task.Delay(100);
                        }
                        else if (wanted(message))
                        {
                            return message;
                        }
                        else
                        {
                            seen.Add($"{message.BasicProperties.Type}: {Encoding.UTF8.GetString(message.Body.Span)}");
                        }
                    }
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException missing) when (missing.ShutdownReason?.ReplyCode == 404)
                {
                    // MassTransit declares an _error queue with the first message it moves there: not yet.
                    await Task.Delay(100);
                }
            }
        }
        throw new TimeoutException($"Nothing wanted arrived on '{queue}'. Taken off meanwhile:\n{string.Join('\n', seen)}\nHost output:\n{Host.Output}");
    }

    /// <summary>The reason MassTransit gave when it moved a message to an _error queue.</summary>
    public static string FaultOf(BasicGetResult message) =>
        message.BasicProperties.Headers is { } headers && headers.TryGetValue("MT-Fault-Message", out var value)
            ? value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString() ?? ""
            : "";

    public static string Text(BasicGetResult message) => Encoding.UTF8.GetString(message.Body.Span);

    /// <summary>Messages in a queue, ready and unacknowledged, as the broker counts them.</summary>
    public async Task<int> QueueDepthAsync(string queue)
    {
        var lines = await _broker.CtlAsync("list_queues", "-q", "--no-table-headers", "name", "messages");
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t', ' ').Where(p => p.Length > 0).ToArray();
            if (parts.Length == 2 && parts[0] == queue)
            {
                return int.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    public async Task DrainedAsync(string queue) =>
        await Eventually.ReadAsync(() => QueueDepthAsync(queue), depth => depth == 0, TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        Coordinator?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
        _data.Dispose();
    }
}
