using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Network.Contracts.Messaging;
using Network.Contracts.Workflows;
using RabbitMQ.Client;
using Network.Testing;

namespace Network.Bench;

/// <summary>
/// The soak's mixed load, open loop: an operation is started every 1/rate seconds whatever the earlier ones are doing,
/// and its latency runs from when it was due, so a host that falls behind shows it in the latency rather than in a
/// slower sender. What each operation is comes from a fixed-seed draw over <see cref="Mix"/>, so runs are alike.
/// Every HTTP progress report and link message carries a unique note, which <see cref="SoakCheck"/> later looks for
/// in the commitments' histories.
/// </summary>
internal sealed class SoakLoad : IDisposable
{
    /// <summary>The one refusal the scenario expects: a partner asking for a commitment it does not own (isolation).</summary>
    public const string IsolationProbe = "GET commitment of another partner (404 expected)";

    private static readonly string[] Statuses = ["limited", "substantial", "stalled", "blocked"];

    /// <summary>
    /// Weights of the operations, out of 100: a third writes (progress over HTTP and links, task completions follow
    /// the task reads), two thirds reads, as a network of partners reporting monthly and coordinators watching.
    /// </summary>
    private static readonly (Op Op, int Weight)[] Mix =
    [
        (Op.Progress, 20),
        (Op.ListCommitments, 16),
        (Op.GetCommitment, 12),
        (Op.Tasks, 8),
        (Op.Inbox, 6),
        (Op.Dashboard, 9),
        (Op.Audit, 6),
        (Op.LinkProgress, 14),
        (Op.LinkInterest, 6),
        (Op.Isolation, 3),
    ];

    private readonly SoakWorld _world;
    private readonly SoakRecorder _recorder;
    private readonly IChannel _publisher;
    private readonly HttpClient _coordinator;
    private readonly Dictionary<string, HttpClient> _members;
    private readonly Dictionary<string, HttpClient> _partnerCoordinators;
    private readonly Dictionary<string, BasicProperties> _linkProperties;
    private readonly ConcurrentDictionary<string, byte> _claimedTasks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string CommitmentId, string Note)> _progressAcknowledged = new();
    private readonly ConcurrentQueue<(string CommitmentId, string Note)> _messagesConfirmed = new();
    private long _start;
    private int _inFlight;
    private int _maxInFlight;

    public SoakLoad(SoakWorld world, HostProcess host, IChannel publisher, SoakRecorder recorder)
    {
        _world = world;
        _recorder = recorder;
        _publisher = publisher;
        _coordinator = host.CreateClient(world.CoordinatorKey);
        _members = world.Partners.ToDictionary(p => p.Id, p => host.CreateClient(p.MemberKey), StringComparer.Ordinal);
        _partnerCoordinators = world.Partners.ToDictionary(p => p.Id, p => host.CreateClient(p.CoordinatorKey), StringComparer.Ordinal);
        _linkProperties = world.Partners.ToDictionary(p => p.Id, p => new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?> { [TenantLinks.KeyHeader] = p.IntegrationKey },
        }, StringComparer.Ordinal);
    }

    private enum Op
    {
        Progress,
        ListCommitments,
        GetCommitment,
        Tasks,
        Inbox,
        Dashboard,
        Audit,
        LinkProgress,
        LinkInterest,
        Isolation,
    }

    /// <summary>Progress reports the host answered 200 to: each must be in its commitment's history once.</summary>
    public IReadOnlyCollection<(string CommitmentId, string Note)> ProgressAcknowledged => _progressAcknowledged;

    /// <summary>Link messages the broker confirmed: each must be applied, once.</summary>
    public IReadOnlyCollection<(string CommitmentId, string Note)> MessagesConfirmed => _messagesConfirmed;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int TasksCompleted => _claimedTasks.Count;

    /// <summary>Starts <paramref name="rate"/> operations a second for <paramref name="duration"/>, then waits for the last to end.</summary>
    public async Task RunAsync(TimeSpan duration, int rate, IProgress<int> progress)
    {
        var random = new Random(15);
        var total = (int)(duration.TotalSeconds * rate);
        var running = new List<Task>(total);
        var ticksPerOperation = Stopwatch.Frequency / (double)rate;
        _start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = _start + (long)(i * ticksPerOperation);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait).ConfigureAwait(false);
            }
            var op = Draw(random);
            var pick = random.Next();
            var n = i;
            running.Add(Task.Run(() => RunOneAsync(op, n, pick, due)));
            if (i % rate == 0)
            {
                progress.Report(i);
            }
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>The minute of the run <paramref name="timestamp"/> falls in.</summary>
    public int MinuteOf(long timestamp) => (int)(Stopwatch.GetElapsedTime(_start, timestamp).TotalMinutes);

    private static Op Draw(Random random)
    {
        var roll = random.Next(Mix.Sum(m => m.Weight));
        foreach (var (op, weight) in Mix)
        {
            if (roll < weight)
            {
                return op;
            }
            roll -= weight;
        }
        return Mix[^1].Op;
    }

    private async Task RunOneAsync(Op op, int n, int pick, long due)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
        try
        {
            await (op switch
            {
                Op.Progress => ProgressAsync(n, pick, due),
                Op.ListCommitments => ListCommitmentsAsync(pick, due),
                Op.GetCommitment => GetCommitmentAsync(pick, due),
                Op.Tasks => TasksAsync(pick, due),
                Op.Inbox => InboxAsync(pick, due),
                Op.Dashboard => DashboardAsync(pick, due),
                Op.Audit => AuditAsync(pick, due),
                Op.LinkProgress => LinkAsync(nameof(ReportProgress), n, pick, due),
                Op.LinkInterest => LinkAsync(nameof(ExpressInterest), n, pick, due),
                _ => IsolationAsync(pick, due),
            }).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private SoakPartner Partner(int pick) => _world.Partners[pick % _world.Partners.Count];

    /// <summary>A commitment the partner owns (every partner owns at least one; see <see cref="SoakSetup"/>).</summary>
    private SoakCommitment OwnedBy(SoakPartner partner, int pick)
    {
        var owned = _world.OwnedBy(partner.Id).ToList();
        return owned[pick / _world.Partners.Count % owned.Count];
    }

    /// <summary>An owner's member reports progress, the statuses in turn; the note names the operation.</summary>
    private async Task ProgressAsync(int n, int pick, long due)
    {
        var partner = Partner(pick);
        var commitment = OwnedBy(partner, pick);
        var note = "soak-http-" + N(n);
        var ok = await SendAsync("POST progress", due, HttpStatusCode.OK, () => _members[partner.Id].PostAsJsonAsync(
            $"api/tenants/{partner.Id}/commitments/{commitment.Id}/progress",
            new { status = Statuses[n % Statuses.Length], note })).ConfigureAwait(false);
        if (ok is not null)
        {
            ok.Dispose();
            _progressAcknowledged.Enqueue((commitment.Id, note));
        }
    }

    /// <summary>The commitment list as a partner's or the coordinator's screens filter it.</summary>
    private Task ListCommitmentsAsync(int pick, long due)
    {
        var partner = Partner(pick);
        var (client, query) = (pick / 7 % 6) switch
        {
            0 => (_members[partner.Id], $"api/tenants/{partner.Id}/commitments"),
            1 => (_members[partner.Id], $"api/tenants/{partner.Id}/commitments?status={Statuses[pick % Statuses.Length]}"),
            2 => (_coordinator, $"api/tenants/{_world.ForumId}/commitments?period={1 + pick % 2}&limit=25"),
            3 => (_coordinator, $"api/tenants/{_world.ForumId}/commitments?owner={partner.Id}&offset=0&limit=10"),
            4 => (_coordinator, $"api/tenants/{_world.ForumId}/commitments?search=campaign&dueBefore=2018-01-01"),
            _ => (_coordinator, $"api/tenants/{_world.ForumId}/commitments?offset=0&limit=25"),
        };
        return GetAsync("GET commitments (filtered)", client, query, due);
    }

    private Task GetCommitmentAsync(int pick, long due)
    {
        var partner = Partner(pick);
        var commitment = OwnedBy(partner, pick);
        return pick % 3 == 0
            ? GetAsync("GET commitment", _coordinator, $"api/tenants/{_world.ForumId}/commitments/{commitment.Id}", due)
            : GetAsync("GET commitment", _members[partner.Id], $"api/tenants/{partner.Id}/commitments/{commitment.Id}", due);
    }

    /// <summary>
    /// A partner's member, or the forum's coordinator, reads its open tasks and completes the first one it may that
    /// no other operation took (each task once: a second completion would be a refusal the scenario caused itself).
    /// </summary>
    private async Task TasksAsync(int pick, long due)
    {
        var partner = Partner(pick);
        var asCoordinator = pick % 4 == 0;
        var (client, tenant) = asCoordinator ? (_coordinator, _world.ForumId) : (_members[partner.Id], partner.Id);
        var response = await SendAsync("GET tasks", due, HttpStatusCode.OK,
            () => client.GetAsync(new Uri($"api/tenants/{tenant}/tasks?limit=20", UriKind.Relative))).ConfigureAwait(false);
        if (response is null)
        {
            return;
        }
        WorkflowTaskPage? page;
        using (response)
        {
            page = await response.Content.ReadFromJsonAsync<WorkflowTaskPage>().ConfigureAwait(false);
        }
        var task = page?.Items.FirstOrDefault(t => t.Status == "open"
            && (asCoordinator || t.Assignees.Any(a => a == tenant || a.EndsWith("/" + tenant, StringComparison.Ordinal)))
            && _claimedTasks.TryAdd($"{t.HomeTenant}/{t.InstanceId}/{t.TaskId}", 0));
        if (task is null)
        {
            return;
        }
        var result = new CompleteTaskRequest(new JsonObject { ["status"] = "substantial", ["summary"] = "soak: reported" });
        var completed = await SendAsync("POST task complete", Stopwatch.GetTimestamp(), HttpStatusCode.OK,
            () => client.PostAsJsonAsync(task.Complete.TrimStart('/'), result)).ConfigureAwait(false);
        completed?.Dispose();
    }

    private Task InboxAsync(int pick, long due)
    {
        var partner = Partner(pick);
        return GetAsync("GET inbox", _members[partner.Id], $"api/tenants/{partner.Id}/inbox?limit=20", due);
    }

    /// <summary>What the coordinator's dashboard asks for besides its page: the subtree, the first rows, an owner's counts.</summary>
    private Task DashboardAsync(int pick, long due)
    {
        var partner = Partner(pick);
        return (pick / 5 % 3) switch
        {
            0 => GetAsync("GET dashboard lists", _coordinator, $"api/tenants/{_world.ForumId}/subtree", due),
            1 => GetAsync("GET dashboard lists", _coordinator, $"api/tenants/{_world.ForumId}/commitments?owner={partner.Id}&status=stalled&offset=0&limit=1", due),
            _ => GetAsync("GET dashboard lists", _coordinator, $"api/tenants/{_world.ForumId}/commitments?offset=0&limit=25", due),
        };
    }

    /// <summary>The audit trail: the forum's, newest first or one action; or a partner coordinator's own.</summary>
    private Task AuditAsync(int pick, long due)
    {
        var partner = Partner(pick);
        return (pick / 3 % 3) switch
        {
            0 => GetAsync("GET audit", _coordinator, $"api/tenants/{_world.ForumId}/audit?limit=50", due),
            1 => GetAsync("GET audit", _coordinator, $"api/tenants/{_world.ForumId}/audit?action=commitment.progress&limit=20", due),
            _ => GetAsync("GET audit", _partnerCoordinators[partner.Id], $"api/tenants/{partner.Id}/audit?limit=20", due),
        };
    }

    /// <summary>A partner's member asks for a commitment it does not own: the host must answer 404, not the commitment.</summary>
    private async Task IsolationAsync(int pick, long due)
    {
        var partner = Partner(pick);
        var stranger = _world.Commitments.FirstOrDefault(c => !c.Owners.Contains(partner.Id));
        if (stranger is null)
        {
            return; // One partner owns everything: nothing to probe.
        }
        var response = await SendAsync(IsolationProbe, due, HttpStatusCode.NotFound,
            () => _members[partner.Id].GetAsync(new Uri($"api/tenants/{partner.Id}/commitments/{stranger.Id}", UriKind.Relative))).ConfigureAwait(false);
        response?.Dispose();
    }

    /// <summary>
    /// A partner's system publishes to its inbound exchange, plain JSON with its integration key (as LinkBench's
    /// partner does); the latency is publish to the broker's confirm. The note doubles as the message id's tail.
    /// </summary>
    private async Task LinkAsync(string type, int n, int pick, long due)
    {
        var partner = Partner(pick);
        var commitment = OwnedBy(partner, pick);
        var note = (type == nameof(ReportProgress) ? "soak-link-" : "soak-interest-") + N(n);
        object message = type == nameof(ReportProgress)
            ? new { messageId = "crm-" + note, tenantId = partner.Id, occurredAt = DateTimeOffset.UtcNow, commitmentId = commitment.Id, status = Statuses[n % Statuses.Length], note }
            : new { messageId = "crm-" + note, tenantId = partner.Id, occurredAt = DateTimeOffset.UtcNow, commitmentId = commitment.Id, note };
        var properties = new BasicProperties(_linkProperties[partner.Id]) { Type = type, MessageId = "crm-" + note };
        var operation = "link " + type;
        try
        {
            await _publisher.BasicPublishAsync(TenantLinks.InboundExchange(partner.Id), "", mandatory: false, properties,
                JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web)).ConfigureAwait(false);
            _recorder.Record(operation, isMessage: true, MinuteOf(due), Since(due), SoakOutcome.Ok);
            _messagesConfirmed.Enqueue((commitment.Id, note));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _recorder.Record(operation, isMessage: true, MinuteOf(due), Since(due), SoakOutcome.Error, exception.GetType().Name);
        }
    }

    private async Task GetAsync(string operation, HttpClient client, string uri, long due)
    {
        // SendAsync buffers the body: the latency is the whole answer's.
        var response = await SendAsync(operation, due, HttpStatusCode.OK, () => client.GetAsync(new Uri(uri, UriKind.Relative))).ConfigureAwait(false);
        response?.Dispose();
    }

    /// <summary>
    /// Sends, records the outcome; answers the response when it had the status expected and was a 2xx (the caller
    /// reads it and disposes it), else null. The body of an unexpected answer is read so its time counts too.
    /// </summary>
    private async Task<HttpResponseMessage?> SendAsync(string operation, long due, HttpStatusCode expected, Func<Task<HttpResponseMessage>> send)
    {
        HttpResponseMessage response;
        try
        {
            response = await send().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            _recorder.Record(operation, isMessage: false, MinuteOf(due), Since(due), SoakOutcome.Error, exception.GetType().Name);
            return null;
        }
        if (response.StatusCode != expected)
        {
            using (response)
            {
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                _recorder.Record(operation, isMessage: false, MinuteOf(due), Since(due), SoakOutcome.Error,
                    ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                _recorder.Record(operation, isMessage: false, MinuteOf(due), Since(due), SoakOutcome.Expected);
            }
            return null;
        }
        // The body is read by the caller; the latency is taken once the headers came back and the body is buffered.
        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
        _recorder.Record(operation, isMessage: false, MinuteOf(due), Since(due), SoakOutcome.Ok);
        return response;
    }

    private static double Since(long due) => Measure.Milliseconds(due, Stopwatch.GetTimestamp());

    private static string N(int i) => i.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _coordinator.Dispose();
        foreach (var client in _members.Values.Concat(_partnerCoordinators.Values))
        {
            client.Dispose();
        }
    }
}
