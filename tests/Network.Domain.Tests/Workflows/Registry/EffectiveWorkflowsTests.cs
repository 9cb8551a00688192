using Network.Domain.Workflows;
using Network.Workflows.Loading;

namespace Network.Domain.Tests.Workflows.Registry;

/// <summary>What a dispatch reads of a tenant's definitions by event name, worked out once.</summary>
public sealed class EffectiveWorkflowsTests
{
    private const string Recorder = """
        id: recorder
        version: 1
        title: Starts on a recorded commitment, then waits for its review
        starts-on:
          event: CommitmentRecorded
          where: event.status != 'withdrawn'
          inputs:
            commitmentId: event.commitmentId
        inputs: [commitmentId]
        steps:
          - id: review
            wait-for: ReviewRequested
            where: event.commitmentId == input.commitmentId
            then: nudge
          - id: nudge
            wait-for: Nudged
            then: done
          - id: done
            end:
        """;

    private const string Reviewer = """
        id: reviewer
        version: 1
        title: Waits for a review of one partner's commitment, twice
        starts-on: manual
        inputs: [commitmentId, partnerId]
        steps:
          - id: first
            wait-for: ReviewRequested
            where: event.partnerId == input.partnerId && event.commitmentId == input.commitmentId
            then: second
          - id: second
            wait-for: ReviewRequested
            where: event.commitmentId == input.commitmentId
            then: done
          - id: done
            end:
        """;

    private static ResolvedWorkflow Resolved(string yaml)
    {
        var loaded = WorkflowLoader.Load(yaml, "test.yaml");
        Assert.True(loaded.Succeeded, string.Join("; ", loaded.Errors));
        return new ResolvedWorkflow(loaded.Definition!, null, new Dictionary<string, string>());
    }

    [Fact]
    public void An_event_names_triggered_definitions_and_the_fields_its_waits_correlate_on_come_from_every_definition_once_each()
    {
        var effective = new EffectiveWorkflows([Resolved(Recorder), Resolved(Reviewer)]);

        Assert.Equal(["recorder"], effective.TriggeredBy("CommitmentRecorded").Select(w => w.Definition.Id));
        Assert.Empty(effective.TriggeredBy("ReviewRequested"));
        Assert.Equal(["commitmentId", "partnerId"], effective.CorrelatedFields("ReviewRequested"));
        // A wait without a where is indexed by the event name alone; an event nothing waits for has no fields.
        Assert.Empty(effective.CorrelatedFields("Nudged"));
        Assert.Empty(effective.CorrelatedFields("CommitmentRecorded"));
        Assert.Same(effective.CorrelatedFields("ReviewRequested"), effective.CorrelatedFields("ReviewRequested"));
        Assert.Equal(["recorder", "reviewer"], effective.Select(w => w.Definition.Id));
    }
}
