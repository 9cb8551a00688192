namespace Network.Messaging;

/// <summary>The "Messaging" configuration section: which transport carries tenant links, and how to reach RabbitMQ.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>InMemory (the embedded default: links work inside this process only) or RabbitMq.</summary>
    public MessagingTransport Transport { get; set; } = MessagingTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>The largest message body a tenant link takes; a larger one goes to the link's _error queue.</summary>
    public long MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>The most messages a tenant link takes from its queue at once (the broker's prefetch, and as many applied side by side).</summary>
    public int LinkConcurrency { get; set; } = DefaultLinkConcurrency;

    /// <summary>
    /// MassTransit's own default is twice the cores (4 on a 2-core machine). A partner's messages spread over the
    /// commitments it owns, each of which applies them one at a time; taking more at once lets their writes share
    /// the group commits. Measured on the link benchmark: about a tenth more messages applied a second (README).
    /// </summary>
    public const int DefaultLinkConcurrency = 32;

    /// <summary>The most <see cref="LinkConcurrency"/> may be, so one tenant's link cannot hold thousands of messages in the host at once.</summary>
    public const int MaxLinkConcurrency = 1000;
}

public enum MessagingTransport
{
    InMemory,
    RabbitMq,
}

/// <summary>"Messaging:RabbitMq": the broker the tenant exchanges live on.</summary>
public sealed class RabbitMqOptions
{
    /// <summary>A connection factory for this broker and user, named for the broker's connection list.</summary>
    public RabbitMQ.Client.ConnectionFactory ConnectionFactory(string clientName) => new()
    {
        HostName = Host,
        Port = Port,
        VirtualHost = VirtualHost,
        UserName = Username,
        Password = Password,
        ClientProvidedName = clientName,
    };

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";
}
