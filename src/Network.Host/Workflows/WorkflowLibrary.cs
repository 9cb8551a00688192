using Microsoft.Extensions.Options;
using Network.Workflows.Definitions;
using Network.Workflows.Validation;

namespace Network.Host.Workflows;

/// <summary>
/// The network's workflow definitions, loaded and validated once at start from <see cref="WorkflowOptions.Directory"/>.
/// An invalid definition stops the host with every error named, rather than starting with half a library.
/// </summary>
public sealed partial class WorkflowLibrary(IOptions<WorkflowOptions> options, ILogger<WorkflowLibrary> logger) : IHostedService, IWorkflowDefinitions
{
    private IReadOnlyDictionary<string, (WorkflowDefinition Definition, string Source)> _definitions =
        new Dictionary<string, (WorkflowDefinition, string)>();

    public IReadOnlyList<WorkflowDefinition> All => _definitions.Values.Select(d => d.Definition).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();

    public (WorkflowDefinition Definition, string Source)? FindWithSource(string id) => _definitions.TryGetValue(id, out var found) ? found : null;

    public WorkflowDefinition? Find(string id) => FindWithSource(id)?.Definition;

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
        var loaded = new Dictionary<string, (WorkflowDefinition, string)>(StringComparer.Ordinal);
        foreach (var file in result.Files)
        {
            var definition = file.Definition!;
            // Several versions of one id: the newest is the one offered for new instances.
            if (!loaded.TryGetValue(definition.Id, out var existing) || existing.Item1.Version < definition.Version)
            {
                loaded[definition.Id] = (definition, await File.ReadAllTextAsync(file.File, cancellationToken));
            }
        }
        _definitions = loaded;
        LogLoaded(logger, loaded.Count, directory);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} workflow definition(s) from {Directory}")]
    private static partial void LogLoaded(ILogger logger, int count, string directory);
}
