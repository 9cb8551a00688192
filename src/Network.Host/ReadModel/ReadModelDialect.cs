using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Network.Domain.Storage;
using Network.Host.Storage;
using Network.Host.Storage.Pipeline;
using Npgsql;

namespace Network.Host.ReadModel;

/// <summary>
/// What differs between SQLite and PostgreSQL for the read model: how to connect, how to begin a transaction, and
/// how dates and instants are stored. The SQL itself is the same on both.
/// A connection is opened per call; both drivers pool them.
/// </summary>
internal abstract class ReadModelDialect
{
    protected ReadModelDialect(string connectionString) => ConnectionString = connectionString;

    protected string ConnectionString { get; }

    /// <summary>The dialect of the configured database.</summary>
    /// <param name="stateStore">
    /// The host's grain-state store on the same database. On SQLite, its writer of the same file: writes then run on its
    /// connection, in its batches. On PostgreSQL, the list rows a grain writes with its state go in its state unit's
    /// transaction (<see cref="InStateUnit"/>). Without it (a read model on its own, as in tests), each write opens a
    /// connection and a transaction.
    /// </param>
    public static ReadModelDialect For(StorageOptions storage, IStateStore? stateStore = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        storage.Validate();
        return storage.Kind == StorageProvider.Sqlite
            ? new SqliteReadModelDialect(storage.ResolveConnectionString(), stateStore as ISqliteFileWriter)
            : new PostgresReadModelDialect(storage.ResolveConnectionString(), stateStore is PostgresStateStore);
    }

    /// <summary>
    /// Whether one write is committed on its own (a connection and a transaction per call), so callers writing often
    /// should group their writes (<see cref="GroupCommit{TItem}"/>); false when writes join a shared writer's batches.
    /// </summary>
    public virtual bool CommitsEachWrite => true;

    /// <summary>
    /// The statements of a write as rows of a grain's own state unit (<see cref="IStateCompanion"/>),
    /// where the dialect writes through the state pipeline's writer (SQLite in the host); null elsewhere.
    /// </summary>
    public virtual IStateCompanion? InStateUnit(
        string description, Func<DbConnection, DbTransaction?, CancellationToken, Task> write) => null;

    /// <summary>
    /// A write as a part of a grain's state unit's own statement (<see cref="PostgresStateCompanion.Part"/>), where
    /// the dialect can (PostgreSQL with the host's state store); null elsewhere, and the caller uses <see cref="InStateUnit"/>.
    /// </summary>
    /// <param name="shape">Names the part's text, the same for every write of this shape.</param>
    /// <param name="part">The text, given its first parameter's number and the condition it must require.</param>
    /// <param name="values">The parameters' values, in order.</param>
    public virtual IStateCompanion? InStateStatement(string description, string shape, Func<int, string, string> part, IReadOnlyList<object?> values) => null;

    /// <summary>
    /// Runs <paramref name="write"/> in a write transaction and completes once that committed. The write must neither
    /// commit nor roll back: the transaction it is given may be null (it then runs inside a transaction that is not
    /// its own, on SQLite the state writer's) and is passed on to its commands as it is.
    /// </summary>
    /// <param name="description">What is written, for errors ("workflow_instance_list rows").</param>
    public virtual async Task WriteAsync(
        string description, Func<DbConnection, DbTransaction?, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await write(connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>An open connection; the caller disposes it.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await OnOpenedAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A transaction for a read-then-write; on SQLite it takes the write lock at once.</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A transaction in which several reads see one snapshot.</summary>
    public abstract ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The parameter value of a date column.</summary>
    public abstract object ToDate(DateOnly date);

    public abstract DateOnly ReadDate(DbDataReader reader, int ordinal);

    /// <summary>The parameter value of an instant column, in UTC, to the microsecond (PostgreSQL's precision).</summary>
    public abstract object ToInstant(DateTimeOffset instant);

    public abstract DateTimeOffset ReadInstant(DbDataReader reader, int ordinal);

    protected abstract DbConnection CreateConnection();

    /// <summary>Sets up a newly opened connection (nothing by default).</summary>
    protected virtual Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The instant in UTC, cut to whole microseconds, so both databases give back the same value.</summary>
    protected static DateTimeOffset Normalise(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }

    /// <summary>A command with named parameters (written <c>@name</c> in the text, the same on both databases).</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "The text is assembled from constant fragments of the read-model classes; every value goes in as a parameter.")]
    public static DbCommand Command(
        DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<KeyValuePair<string, object>>? parameters = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters ?? [])
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}

internal sealed class SqliteReadModelDialect(string connectionString, ISqliteFileWriter? fileWriter = null) : ReadModelDialect(connectionString)
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    protected override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    public override bool CommitsEachWrite => fileWriter is null;

    public override IStateCompanion? InStateUnit(
        string description, Func<DbConnection, DbTransaction?, CancellationToken, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return fileWriter is null ? null : new SqliteStateCompanion(description, (connection, token) => write(connection, null, token));
    }

    /// <summary>
    /// With the state pipeline's writer, the write joins its next batch: SQLite has one write lock per file, and a
    /// connection of our own would wait for it (in SQLite's busy handler, 1, 2, 5, 10… ms sleeps) whenever a batch of
    /// grain state holds it, and pay a commit of its own besides.
    /// </summary>
    public override Task WriteAsync(
        string description, Func<DbConnection, DbTransaction?, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return fileWriter is null
            ? base.WriteAsync(description, write, cancellationToken)
            : fileWriter.WriteAsync(description, (connection, token) => write(connection, null, token)).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite waits for another connection's write lock (the state pipeline's writer) in its own busy handler, in
    /// steps of a few milliseconds; without it Microsoft.Data.Sqlite sleeps 150 ms per retry.
    /// </summary>
    protected override async Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {StorageConnectionStrings.SqliteBusyTimeoutMilliseconds};";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Not deferred: BEGIN IMMEDIATE, so two writers queue for the lock instead of failing on the upgrade from read.
    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));

    // Deferred: BEGIN; the first read fixes the snapshot (WAL), later reads in it see the same data.
    public override ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public override object ToDate(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public override DateOnly ReadDate(DbDataReader reader, int ordinal) =>
        DateOnly.ParseExact(reader.GetString(ordinal), DateFormat, CultureInfo.InvariantCulture);

    public override object ToInstant(DateTimeOffset instant) =>
        Normalise(instant).ToString(InstantFormat, CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), InstantFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

/// <param name="withStateStore">
/// The host's PostgreSQL state store writes this database's grain state, so a grain's list rows can go in its state
/// unit's transaction (<see cref="PostgresStateCompanion"/>): one commit per step instead of two in a row.
/// </param>
internal sealed class PostgresReadModelDialect(string connectionString, bool withStateStore = false) : ReadModelDialect(connectionString)
{
    protected override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);

    public override IStateCompanion? InStateUnit(
        string description, Func<DbConnection, DbTransaction?, CancellationToken, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return withStateStore ? new PostgresStateCompanion(description, write) : null;
    }

    public override IStateCompanion? InStateStatement(string description, string shape, Func<int, string, string> part, IReadOnlyList<object?> values) =>
        withStateStore ? new PostgresStateCompanion(description, shape, part, values) : null;

    // Read committed is enough: INSERT ... ON CONFLICT DO UPDATE locks the row and re-checks the version guard
    // against the latest committed version, so concurrent writers of one row are serialised by the row lock.
    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    public override async ValueTask<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);

    public override object ToDate(DateOnly date) => date;

    public override DateOnly ReadDate(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    // Npgsql writes a DateTimeOffset with offset 0 to timestamptz.
    public override object ToInstant(DateTimeOffset instant) => Normalise(instant);

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);
}
