using Microsoft.Extensions.Options;
using Network.Workflows.Definitions;
using Network.Workflows.Validation;

namespace Network.Host.Workflows;

/// <summary>
/// The network's standard workflow definitions, loaded and validated once at start from <see cref="WorkflowOptions.Directory"/>:
/// the base every tenant runs until it publishes its own version. Every version found is kept, so instances started
/// on an older file version keep running when a newer file is added beside it. An invalid definition stops the host
/// with every error named, rather than starting with half a library.
/// </summary>
public sealed partial class WorkflowLibrary(IOptions<WorkflowOptions> options, ILogger<WorkflowLibrary> logger) : IHostedService, IWorkflowDefinitions
{
    // Replaced whole once loaded, never changed in place, so readers need no lock.
    private Dictionary<(string Id, int Version), (WorkflowDefinition Definition, string Source)> _versions = [];
    private Dictionary<string, WorkflowDefinition> _newest = new(StringComparer.Ordinal);

    public IReadOnlyList<WorkflowDefinition> All => _newest.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    public WorkflowDefinition? Find(string id) => _newest.GetValueOrDefault(id);

    public WorkflowDefinition? Find(string id, int version) => _versions.TryGetValue((id, version), out var found) ? found.Definition : null;

    public string? SourceOf(string id, int version) => _versions.TryGetValue((id, version), out var found) ? found.Source : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.Directory;
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"Workflows:Directory '{directory}' does not exist; point it at the folder of workflow definitions.");
        }
        var result = await WorkflowCatalog.ValidateDirectoryAsync(directory, cancellationToken);
        if (!result.IsValid)
        {
            throw new InvalidOperationException(
                $"The workflow definitions in '{directory}' are not valid:\n" + string.Join('\n', result.Errors.Select(e => e.ToString())));
        }
        var versions = new Dictionary<(string Id, int Version), (WorkflowDefinition Definition, string Source)>();
        var newest = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal);
        foreach (var file in result.Files)
        {
            var definition = file.Definition!;
            versions[(definition.Id, definition.Version)] = (definition, await File.ReadAllTextAsync(file.File, cancellationToken));
            if (!newest.TryGetValue(definition.Id, out var existing) || existing.Version < definition.Version)
            {
                newest[definition.Id] = definition;
            }
        }
        _versions = versions;
        _newest = newest;
        LogLoaded(logger, newest.Count, versions.Count, directory);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} workflow definition(s), {Versions} version(s) in all, from {Directory}")]
    private static partial void LogLoaded(ILogger logger, int count, int versions, string directory);
}
