using Network.Workflows.Definitions;
using Network.Workflows.Loading;

namespace Network.Web.Tests.Workflows;

/// <summary>Definitions the tests draw: the shipped library (copied next to the tests by the host's build) and small hand-made ones.</summary>
internal static class Definitions
{
    public static string LibraryYaml(string id) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", id + ".yaml"));

    public static WorkflowDefinition Library(string id) => Load(LibraryYaml(id));

    public static WorkflowDefinition Load(string yaml)
    {
        var result = WorkflowLoader.Load(yaml, "test.yaml");
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Definition!;
    }

    /// <summary>A small definition with every kind of edge: a parallel, a timeout, an if with else, a loop, and fall-through.</summary>
    public const string Branchy = """
        id: branchy
        version: 1
        title: Every kind of edge
        starts-on:
          event: Started
        inputs: [caseId]
        steps:
          - id: fork
            parallel: [wait-answer, count-down]
            join: all
            then: decide
          - id: wait-answer
            wait-for: Answered
            where: event.caseId == input.caseId
            timeout: { after: P7D, then: nudge }
            then: end
          - id: nudge
            notify: owners
            message: "'please answer'"
            then: wait-answer
          - id: count-down
            timer:
              after: P1D
          - id: tick
            set:
              n: 1
            then: end
          - id: decide
            if: vars.n > 0
            then: repeat
            else: done
          - id: repeat
            loop: tick
            max: 3
            then: done
          - id: done
            end:
        """;
}
