using Network.Workflows.Definitions;
using Network.Workflows.Loading;

namespace Network.Domain.Tests.Support;

/// <summary>Small real definitions (loaded from YAML like the shipped ones) for grain tests of workflow instances.</summary>
public sealed class TestWorkflowDefinitions : IWorkflowDefinitions
{
    private const string ReviewYaml = """
        id: review
        version: 1
        title: Ask for a review, then close
        starts-on: manual
        inputs: [commitmentId]
        steps:
          - id: ask
            task: tenant-coordinator
            title: "'Review ' + input.commitmentId"
            result: review
            then: done
          - id: done
            end:
        """;

    private const string OwnersReviewYaml = """
        id: owners-review
        version: 1
        title: Ask the commitment's owners, then the chair
        starts-on: manual
        inputs: [commitmentId]
        steps:
          - id: ask-owners
            task: owners
            title: "'Report on ' + input.commitmentId"
            result: report
            then: confirm
          - id: confirm
            task: network-coordinator
            title: "'Confirm ' + input.commitmentId"
            then: done
          - id: done
            end:
        """;

    private const string FragileYaml = """
        id: fragile
        version: 1
        title: A step that fails, to exercise incidents
        starts-on: manual
        steps:
          - id: divide
            set:
              ratio: "input.missing.value / 2"
            retry: { attempts: 1 }
            then: done
          - id: done
            end:
        """;

    // Calls "review" as a child and ends with what the child's task answered.
    private const string ParentYaml = """
        id: parent
        version: 1
        title: Ask for a review through a child workflow
        starts-on: manual
        inputs: [commitmentId]
        steps:
          - id: delegate
            call: review
            inputs: { commitmentId: input.commitmentId }
            result: child
            then: done
          - id: done
            end:
        """;

    private const string AnnouncerYaml = """
        id: announcer
        version: 1
        title: Tells the network, then the chair
        starts-on: manual
        inputs: [commitmentId]
        steps:
          - id: announce
            publish: ReviewRequested
            data: { commitmentId: input.commitmentId }
            then: tell-chair
          - id: tell-chair
            notify: network-coordinator
            message: "'Review requested for ' + input.commitmentId"
            then: escalate
          - id: escalate
            escalate: tenant-coordinator
            level: 2
            message: "'Still waiting on ' + input.commitmentId"
            then: done
          - id: done
            end:
        """;

    private const string WaiterYaml = """
        id: waiter
        version: 1
        title: Waits for a review request about its commitment
        starts-on: manual
        inputs: [commitmentId]
        steps:
          - id: wait
            wait-for: ReviewRequested
            where: event.commitmentId == input.commitmentId
            then: done
          - id: done
            end:
        """;

    private const string AnyReviewYaml = """
        id: any-review
        version: 1
        title: Waits for a review request about any commitment
        starts-on: manual
        steps:
          - id: wait
            wait-for: ReviewRequested
            then: done
          - id: done
            end:
        """;

    private const string CounterYaml = """
        id: counter
        version: 1
        title: Counts the pings it receives, for ever
        starts-on: manual
        variables:
          pings: 0
        steps:
          - id: wait
            wait-for: Ping
            then: count
          - id: count
            set:
              pings: vars.pings + 1
            then: wait
        """;

    public TestWorkflowDefinitions()
    {
        All =
        [
            Load(ReviewYaml, "review.yaml"), Load(OwnersReviewYaml, "owners-review.yaml"), Load(FragileYaml, "fragile.yaml"),
            Load(ParentYaml, "parent.yaml"), Load(AnnouncerYaml, "announcer.yaml"), Load(WaiterYaml, "waiter.yaml"),
            Load(CounterYaml, "counter.yaml"), Load(AnyReviewYaml, "any-review.yaml"),
        ];
    }

    public IReadOnlyList<WorkflowDefinition> All { get; }

    public WorkflowDefinition? Find(string id) => All.FirstOrDefault(d => d.Id == id);

    private static WorkflowDefinition Load(string yaml, string file)
    {
        var result = WorkflowLoader.Load(yaml, file);
        return result.Definition ?? throw new InvalidOperationException(string.Join('\n', result.Errors));
    }
}
