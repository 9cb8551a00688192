using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Network.Testing;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer library) on a free loopback port, keeping every message it
/// receives as MimeKit parses it. It can answer 550 (or a 4xx) to chosen recipients, require a login, and be stopped
/// and started again on the same port to play a mail server that is down for a while. No TLS: it offers neither
/// STARTTLS nor implicit TLS, so clients set to "auto" send in clear over loopback.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedEmail> _received = [];
    private readonly Dictionary<string, int> _refusals = new(StringComparer.OrdinalIgnoreCase);
    private readonly (string User, string Password)? _login;
    private CancellationTokenSource? _stop;
    private Task? _running;

    private SmtpTestServer((string User, string Password)? login)
    {
        _login = login;
        Port = FreePorts.Next();
    }

    /// <summary>Where the server listens: always loopback.</summary>
    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public bool IsRunning => _running is { IsCompleted: false };

    /// <summary>What the server has accepted so far, oldest first.</summary>
    public IReadOnlyList<ReceivedEmail> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The accepted messages alone, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. Received.Select(r => r.Message)];

    /// <summary>Starts a server; with <paramref name="user"/> it refuses mail until the client logs in with that user and password.</summary>
    public static async Task<SmtpTestServer> StartAsync(string? user = null, string? password = null)
    {
        var server = new SmtpTestServer(user is null ? null : (user, password ?? ""));
        await server.StartAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>From now on the server answers RCPT TO for <paramref name="address"/> with <paramref name="code"/> (550 by default; a 4xx plays a temporary failure).</summary>
    public void Refuse(string address, int code = 550)
    {
        lock (_gate)
        {
            _refusals[address] = code;
        }
    }

    /// <summary>Forgets the messages received so far (the refusals stay).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _received.Clear();
        }
    }

    /// <summary>Starts (again) on the same port; returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"The SMTP test server on port {Port} is already running.");
        }
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint
                .Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                .AuthenticationRequired(_login is not null)
                .AllowUnsecureAuthentication(_login is not null))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (_login is { } login)
        {
            services.Add(new DelegatingUserAuthenticator((user, password) =>
                string.Equals(user, login.User, StringComparison.Ordinal) && string.Equals(password, login.Password, StringComparison.Ordinal)));
        }
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        await WaitUntilListeningAsync().ConfigureAwait(false);
    }

    /// <summary>Stops listening and ends open sessions; the port is free again when this returns.</summary>
    public async Task StopAsync()
    {
        if (_stop is null || _running is null)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // How the library's server ends when its token is cancelled.
        }
        _stop.Dispose();
        _stop = null;
        _running = null;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived (for senders that work in the background).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = Messages;
            if (messages.Count >= count)
            {
                return messages;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The SMTP test server received {messages.Count} messages in {timeout}, not {count}.");
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            if (_running is { IsFaulted: true } failed)
            {
                await failed.ConfigureAwait(false);
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }
        }
    }

    private void Keep(ReceivedEmail email)
    {
        lock (_gate)
        {
            _received.Add(email);
        }
    }

    private int? RefusalFor(string address)
    {
        lock (_gate)
        {
            return _refusals.TryGetValue(address, out var code) ? code : null;
        }
    }

    /// <summary>Keeps each message as MimeKit reads it, with its envelope and the user the client logged in as.</summary>
    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            server.Keep(new ReceivedEmail(
                message,
                transaction.From.AsAddress(),
                [.. transaction.To.Select(to => to.AsAddress())],
                context.Authentication.IsAuthenticated ? context.Authentication.User : null));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(SmtpTestServer server) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            // The library answers a thrown SmtpResponseException with its code and text, and ends only the command.
            return server.RefusalFor(to.AsAddress()) is { } code
                ? throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)code, code >= 500 ? "no such mailbox (test server)" : "try again later (test server)"))
                : Task.FromResult(true);
        }
    }
}

/// <summary>A message the test server accepted: the MIME message, its envelope, and the login used (null without AUTH).</summary>
public sealed record ReceivedEmail(MimeMessage Message, string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, string? User);
