using Network.Workflows.Definitions;
using Network.Workflows.Loading;

namespace Network.Bench;

/// <summary>
/// The one workflow Network runs in the benchmark, shipped to the silo as its library (what a host loads from
/// <c>workflows/</c>): start, wait for Ping carrying this instance's key, finish.
/// </summary>
internal sealed class BenchWorkflow : IWorkflowDefinitions
{
    public const string Id = "bench";

    public const string EventName = "Ping";

    private const string Yaml = """
        id: bench
        version: 1
        title: Start, wait for an event, resume, finish
        starts-on: manual
        inputs: [key]
        steps:
          - id: wait
            wait-for: Ping
            where: event.key == input.key
            then: done
          - id: done
            end:
        """;

    private readonly WorkflowDefinition _definition;

    public BenchWorkflow()
    {
        var result = WorkflowLoader.Load(Yaml, "bench.yaml");
        _definition = result.Succeeded
            ? result.Definition!
            : throw new InvalidOperationException("The benchmark definition does not load: " + string.Join("; ", result.Errors));
    }

    public IReadOnlyList<WorkflowDefinition> All => [_definition];

    public WorkflowDefinition? Find(string id) => id == _definition.Id ? _definition : null;

    /// <summary>The inputs (and the matching event's data): the key the instance's <c>where</c> compares.</summary>
    public static string Data(string key) => $"{{\"key\":\"{key}\"}}";
}
