using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Network.Host.Storage.Pipeline;

/// <summary>
/// The state store's read connections, kept open with each statement prepared once per connection. A driver-pooled
/// connection opened per read parsed and planned its SQL again every time (SQLite's parser showed in every profile of
/// the event path, which reads three or four times per event). A read rents a connection, runs, and gives it back;
/// WAL means a read never waits for the writer, and a statement reset at the end of its read (its reader disposed)
/// holds no snapshot, so the next read on the same connection sees every commit made since.
/// </summary>
internal sealed class SqliteReaders : IDisposable
{
    /// <summary>Idle connections kept beyond this are closed: more are only open while that many reads run at once.</summary>
    private const int MaxIdle = 16;

    private readonly string _connectionString;
    private readonly ConcurrentBag<Reader> _idle = [];
    private int _disposed;

    public SqliteReaders(string connectionString) => _connectionString = connectionString;

    /// <summary>Runs <paramref name="read"/> with the statement for <paramref name="sql"/>, its parameters cleared for the read to add.</summary>
    public async Task<T> ReadAsync<T>(string sql, Func<SqliteCommand, Task<T>> read, CancellationToken cancellationToken)
    {
        if (!_idle.TryTake(out var reader))
        {
            reader = await Reader.OpenAsync(_connectionString, cancellationToken).ConfigureAwait(false);
        }
        var healthy = false;
        try
        {
            var command = reader.Statement(sql);
            command.Parameters.Clear();
            var result = await read(command).ConfigureAwait(false);
            healthy = true;
            return result;
        }
        finally
        {
            // A read that failed may have left its connection in any state: it is closed, not given back.
            if (healthy && Volatile.Read(ref _disposed) == 0 && _idle.Count < MaxIdle)
            {
                _idle.Add(reader);
                // Disposed meanwhile, after its last look at the idle ones: nothing else would close this.
                if (Volatile.Read(ref _disposed) == 1 && _idle.TryTake(out var late))
                {
                    late.Dispose();
                }
            }
            else
            {
                reader.Dispose();
            }
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _disposed, 1);
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    /// <summary>One open connection and the statements prepared on it, by their SQL.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

        private Reader(SqliteConnection connection) => _connection = connection;

        public static async Task<Reader> OpenAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return new Reader(connection);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public SqliteCommand Statement(string sql)
        {
            if (!_statements.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
                command.CommandText = sql;
                _statements.Add(sql, command);
            }
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _statements.Values)
            {
                command.Dispose();
            }
            _connection.Dispose();
        }
    }
}
