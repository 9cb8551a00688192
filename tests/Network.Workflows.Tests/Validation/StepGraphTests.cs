using Network.Workflows.Definitions;
using Network.Workflows.Loading;
using Network.Workflows.Validation;

namespace Network.Workflows.Tests.Validation;

public sealed class StepGraphTests
{
    private static readonly SourceSpan At = new("code", 1, 1);

    public static TheoryData<StepDefinition> EveryKindOfStep()
    {
        var e = new Expression("true", At);
        return new TheoryData<StepDefinition>
        {
            new SequenceStep("s", ["a", "b"], "c", null, At),
            new IfStep("i", e, "a", "b", null, null, At),
            new IfStep("i", e, "a", null, "c", null, At),
            new SwitchStep("w", [new SwitchCase(e, "a"), new SwitchCase(e, "b")], "d", "c", null, At),
            new ParallelStep("p", ["a", "b"], JoinRule.All, "c", null, At),
            new WaitForStep("f", "E", e, new WaitTimeout(e, "t", At), null, "c", null, At),
            new TimerStep("t", e, null, null, "c", null, At),
            new SetStep("x", new Dictionary<string, Expression>(), "c", null, At),
            new PublishStep("u", "E", new Dictionary<string, Expression>(), "c", null, At),
            new NotifyStep("n", "owners", e, "c", null, At),
            new EscalateStep("e", "owners", 1, null, "c", null, At),
            new TaskStep("k", "owners", e, null, null, "c", null, At),
            new CallStep("l", "w", new Dictionary<string, Expression>(), null, "c", null, At),
            new LoopStep("o", "a", null, 3, "c", null, At),
            new EndStep("z", At),
            new FailStep("f", e, At),
        };
    }

    [Theory]
    [MemberData(nameof(EveryKindOfStep))]
    public void The_validator_sees_the_same_transitions_as_the_model(StepDefinition step)
    {
        var fromModel = step.Transitions().Select(t => t.Target).Order(StringComparer.Ordinal);
        var fromGraph = StepGraph.Targets(step).Select(t => t.Target).Order(StringComparer.Ordinal);

        Assert.Equal(fromModel, fromGraph);
    }

    [Fact]
    public void Every_activity_keyword_has_a_model_step()
    {
        var activities = ((IEnumerable<object[]>)EveryKindOfStep()).Select(row => ((StepDefinition)row[0]).Activity).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(WorkflowFormat.ActivityKeywords.Order(StringComparer.Ordinal), activities);
    }
}
