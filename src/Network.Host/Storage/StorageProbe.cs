using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Network.Host.Storage;

/// <summary>Answers whether the configured database can be reached right now (for /health/ready).</summary>
public interface IStorageProbe
{
    /// <summary>
    /// Opens a connection and runs <c>SELECT 1</c>. False when that fails or does not finish in time (including
    /// when <paramref name="cancellationToken"/> fires first); never throws for an unreachable database.
    /// </summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

/// <summary>The <see cref="IStorageProbe"/> for SQLite or PostgreSQL, with its own upper bound on how long it waits.</summary>
public sealed partial class StorageProbe : IStorageProbe
{
    /// <summary>The longest a probe waits, whatever the caller's token says.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly StorageProvider _provider;
    private readonly string _connectionString;
    private readonly ILogger<StorageProbe> _logger;
    private readonly string? _sqlitePath;

    public StorageProbe(StorageOptions options, ILogger<StorageProbe> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _provider = options.Kind;
        _logger = logger;
        _sqlitePath = _provider == StorageProvider.Sqlite ? options.SqliteFullPath : null;
        _connectionString = _provider switch
        {
            // The probe must not create an empty database where the real one went missing.
            StorageProvider.Sqlite => new SqliteConnectionStringBuilder(options.ResolveConnectionString())
            {
                Mode = SqliteOpenMode.ReadWrite,
                // A pooled handle keeps answering for a file that was deleted under it; open afresh each time.
                Pooling = false,
                DefaultTimeout = (int)Timeout.TotalSeconds,
            }.ToString(),
            _ => new NpgsqlConnectionStringBuilder(options.ResolveConnectionString())
            {
                Timeout = (int)Timeout.TotalSeconds,
                CommandTimeout = (int)Timeout.TotalSeconds,
            }.ToString(),
        };
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        if (_sqlitePath is not null && !File.Exists(_sqlitePath))
        {
            // Orleans' open handles would go on writing to the deleted file, where nothing is durable any more.
            LogUnreachable(_logger, _provider, $"the database file {_sqlitePath} is gone");
            return false;
        }
        try
        {
            var connection = CreateConnection();
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(timeout.Token).ConfigureAwait(false);
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = "SELECT 1";
                    var answer = await command.ExecuteScalarAsync(timeout.Token).ConfigureAwait(false);
                    return Convert.ToInt32(answer, System.Globalization.CultureInfo.InvariantCulture) == 1;
                }
            }
        }
        catch (Exception exception) when (exception is DbException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            LogUnreachable(_logger, _provider, exception.Message);
            return false;
        }
    }

    private DbConnection CreateConnection() => _provider switch
    {
        StorageProvider.Sqlite => new SqliteConnection(_connectionString),
        _ => new NpgsqlConnection(_connectionString),
    };

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "{Provider} storage is not reachable: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, StorageProvider provider, string reason);
}

/// <summary>Registers <see cref="IStorageProbe"/>.</summary>
public static class StorageProbeServiceCollectionExtensions
{
    public static IServiceCollection AddNetworkStorageProbe(this IServiceCollection services, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storage);
        services.AddSingleton<IStorageProbe>(sp => new StorageProbe(storage, sp.GetRequiredService<ILogger<StorageProbe>>()));
        return services;
    }
}
