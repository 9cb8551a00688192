using Network.Host.Storage;

namespace Network.Host.Cli;

/// <summary>
/// The frame `backup` and `restore` share: a command on the embedded SQLite database and one FILE named by an option.
/// It parses the arguments (help, the FILE option, flags, <c>--Section:Key=value</c> settings), reads the storage
/// settings as the host does, refuses PostgreSQL with the advice its tools need, resolves FILE from the folder the
/// command was typed in, and turns an operator's error into its message on stderr; the command's own work is
/// <see cref="RunAsync"/>'s callback.
/// </summary>
/// <param name="Name">The command's name, which starts each error line.</param>
/// <param name="Usage">The help text, printed for <c>--help</c> and after a usage error.</param>
/// <param name="FileOption">The option that names FILE (e.g. <c>--to</c>); required.</param>
/// <param name="FlagOptions">The options that take no value.</param>
/// <param name="PostgreSqlAdvice">What to use instead when the storage is PostgreSQL.</param>
internal sealed record SqliteFileCommand(string Name, string Usage, string FileOption, IReadOnlySet<string> FlagOptions, string PostgreSqlAdvice)
{
    /// <summary>The database the host is configured with, FILE as a full path, and the flags given.</summary>
    public sealed record Invocation(string DatabasePath, string File, IReadOnlySet<string> Flags);

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<Invocation, Task> run)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(run);

        var line = StorageCommandLine.Parse(args, new HashSet<string> { FileOption }, FlagOptions, out var problem);
        if (line is { Help: true })
        {
            await output.WriteLineAsync(Usage);
            return StorageCommandExit.Done;
        }
        if (line is null || !line.Values.TryGetValue(FileOption, out var file))
        {
            await error.WriteLineAsync($"{Name}: {problem ?? $"{FileOption} FILE is required"}\n\n{Usage}");
            return StorageCommandExit.UsageError;
        }

        try
        {
            var storage = line.ReadStorage();
            if (storage.Kind == StorageProvider.PostgreSql)
            {
                await error.WriteLineAsync($"{Name}: the host's storage is PostgreSQL (Storage:Provider); {PostgreSqlAdvice}");
                return StorageCommandExit.Failed;
            }
            await run(new Invocation(storage.SqliteFullPath, InvocationDirectory.Resolve(file, InvocationDirectory.Find()), line.Flags));
            return StorageCommandExit.Done;
        }
        catch (Exception exception) when (StorageCommandExit.IsOperatorError(exception))
        {
            await error.WriteLineAsync($"{Name}: {exception.Message}");
            return StorageCommandExit.Failed;
        }
    }
}
