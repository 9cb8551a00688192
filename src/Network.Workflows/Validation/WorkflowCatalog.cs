using Network.Workflows.Loading;

namespace Network.Workflows.Validation;

/// <summary>What <see cref="WorkflowCatalog"/> found: each file's result, and every error of all of them.</summary>
public sealed record WorkflowCatalogResult(IReadOnlyList<WorkflowLoadResult> Files, IReadOnlyList<WorkflowError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Validates a set of definition files together: each file on its own (<see cref="WorkflowValidator.CheckFileAsync"/>),
/// then across files — two files that define the same workflow id and version are an error.
/// </summary>
public static class WorkflowCatalog
{
    /// <summary>The definition files of a directory: every <c>*.yaml</c> and <c>*.yml</c> directly in it, by name.</summary>
    public static IReadOnlyList<string> DefinitionFiles(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return Directory.EnumerateFiles(directory)
            .Where(IsDefinitionFile)
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
    }

    public static bool IsDefinitionFile(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Validates every definition file of a directory.</summary>
    public static Task<WorkflowCatalogResult> ValidateDirectoryAsync(string directory, CancellationToken cancellationToken = default) =>
        ValidateAsync([directory], cancellationToken);

    /// <summary>
    /// Validates files and directories (a directory stands for its definition files). A path that does not exist
    /// throws <see cref="FileNotFoundException"/>: it is the caller's mistake, not the definitions'.
    /// </summary>
    public static async Task<WorkflowCatalogResult> ValidateAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(DefinitionFiles(path));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"No such file or directory: {path}", path);
            }
        }

        var results = new List<WorkflowLoadResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => seen.Add(Path.GetFullPath(f))))
        {
            results.Add(await WorkflowValidator.CheckFileAsync(file, cancellationToken).ConfigureAwait(false));
        }

        var errors = results.SelectMany(r => r.Errors).ToList();
        errors.AddRange(Duplicates(results));
        // Files in the order given, each file's errors by position.
        var order = results.Select((r, i) => (r.File, i)).ToDictionary(x => x.File, x => x.i, StringComparer.Ordinal);
        var sorted = errors
            .OrderBy(e => order.GetValueOrDefault(e.At.File, int.MaxValue))
            .ThenBy(e => e.At.Line)
            .ThenBy(e => e.At.Column)
            .ToList();
        return new WorkflowCatalogResult(results, sorted);
    }

    private static IEnumerable<WorkflowError> Duplicates(List<WorkflowLoadResult> results)
    {
        var first = new Dictionary<(string Id, int Version), WorkflowLoadResult>();
        foreach (var result in results)
        {
            if (result.Definition is not { Id.Length: > 0, Version: > 0 } definition)
            {
                continue;
            }
            if (first.TryAdd((definition.Id, definition.Version), result))
            {
                continue;
            }
            var original = first[(definition.Id, definition.Version)];
            var originalAt = original.SourceMap.SpanOf(original.Definition!, "id") ?? original.Definition!.At;
            yield return new WorkflowError(result.SourceMap.SpanOf(definition, "id") ?? definition.At, WorkflowErrorCodes.DuplicateWorkflow,
                $"workflow '{definition.Id}' version {definition.Version} is already defined in {originalAt}; give this one another id or version");
        }
    }
}
