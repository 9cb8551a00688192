using System.Globalization;
using Network.Workflows.Validation;

namespace Network.Host.Cli;

/// <summary>
/// <c>Network.Host workflows validate &lt;dir-or-file&gt;...</c>: checks definition files as publishing would, without
/// starting the silo or the web host. Prints each error as <c>file:line:column: code: message</c> (the form editors
/// and CI annotate), then a summary. Exit codes: 0 all valid, 1 errors found, 2 usage error.
/// </summary>
public static class WorkflowsCommand
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int UsageError = 2;

    private const string Usage =
        """
        Usage: Network.Host workflows validate <directory-or-file>...

          Checks workflow definitions (every *.yaml and *.yml directly in a directory) and prints each error as
          file:line:column: code: message. Exits 0 when all are valid, 1 when any is not, 2 on a usage error.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        string[] argv = [.. args];
        if (argv is ["help" or "--help" or "-h", ..])
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return Valid;
        }
        if (argv is not ["validate", .. var paths])
        {
            var what = argv.Length == 0 ? "no command given" : $"unknown command '{argv[0]}'";
            await error.WriteLineAsync($"workflows: {what}\n\n{Usage}").ConfigureAwait(false);
            return UsageError;
        }
        if (paths.Length == 0)
        {
            await error.WriteLineAsync($"workflows validate: give at least one directory or file\n\n{Usage}").ConfigureAwait(false);
            return UsageError;
        }
        var invokedIn = InvocationDirectory.Find();
        var resolved = paths.Select(p => Resolve(p, invokedIn)).ToList();
        var missing = paths.Where((_, i) => resolved[i] is null).ToList();
        if (missing.Count > 0)
        {
            foreach (var path in missing)
            {
                await error.WriteLineAsync($"workflows validate: no such file or directory: {path}").ConfigureAwait(false);
            }
            return UsageError;
        }
        var empty = paths.Where((_, i) => Directory.Exists(resolved[i]) && WorkflowCatalog.DefinitionFiles(resolved[i]!).Count == 0).ToList();
        if (empty.Count > 0)
        {
            foreach (var path in empty)
            {
                await error.WriteLineAsync($"workflows validate: no workflow definitions (*.yaml, *.yml) in {path}").ConfigureAwait(false);
            }
            return UsageError;
        }

        var result = await WorkflowCatalog.ValidateAsync(resolved!, cancellationToken).ConfigureAwait(false);
        foreach (var problem in result.Errors)
        {
            await output.WriteLineAsync(Display(problem, invokedIn)).ConfigureAwait(false);
        }
        await output.WriteLineAsync(Summary(result)).ConfigureAwait(false);
        return result.IsValid ? Valid : Invalid;
    }

    /// <summary>The path the user meant (see <see cref="InvocationDirectory"/>), or null when nothing is there.</summary>
    private static string? Resolve(string path, string? invokedIn)
    {
        var candidate = invokedIn is not null && !Path.IsPathRooted(path) ? Path.Combine(invokedIn, path) : path;
        return Directory.Exists(candidate) || File.Exists(candidate) ? candidate : null;
    }

    /// <summary>An error with its file named as the user can open it from where they typed the command.</summary>
    private static string Display(WorkflowError problem, string? invokedIn)
    {
        var file = problem.At.File;
        if (invokedIn is not null && file.StartsWith(invokedIn + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            file = Path.GetRelativePath(invokedIn, file);
        }
        return (problem with { At = problem.At with { File = file } }).ToString();
    }

    private static string Summary(WorkflowCatalogResult result)
    {
        var files = result.Files.Count;
        if (result.IsValid)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{Plural(files, "workflow definition")} valid: {string.Join(", ", result.Files.Select(f => Path.GetFileName(f.File)))}");
        }
        var withErrors = result.Errors.Select(e => e.At.File).Distinct(StringComparer.Ordinal).Count();
        return string.Create(CultureInfo.InvariantCulture,
            $"{Plural(result.Errors.Count, "error")} in {withErrors} of {Plural(files, "workflow definition")}");
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
