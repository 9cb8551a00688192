namespace Network.Host.Tests.Infrastructure;

/// <summary>The tests' throwaway RabbitMQ (<see cref="RabbitMqBroker"/>), started and stopped by xunit.</summary>
public sealed class RabbitMqServer : RabbitMqBroker, IAsyncLifetime
{
    public Task InitializeAsync() => LaunchAsync();

    Task IAsyncLifetime.DisposeAsync() => ShutDownAsync();
}

/// <summary>
/// Test classes that need RabbitMQ join this collection and share one broker. The collection's tests run one after
/// another, so a test that restarts the broker does not pull it from under another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqServer>
{
    public const string Name = "RabbitMQ";
}
