using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Network.Workflows.Runtime;

namespace Network.Workflows.Tests.Runtime;

/// <summary>
/// A state held between steps lets go of its empty collections (<see cref="WorkflowInstanceState.ReleaseEmptyCollections"/>)
/// to save memory: it must stay the same state, written as the same JSON, and a collection read afterwards must be
/// there to change.
/// </summary>
public sealed class ReleaseEmptyCollectionsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_state_that_let_go_of_its_empty_collections_is_written_as_the_same_json()
    {
        var state = Waiting();
        var before = WorkflowStateJson.Serialize(state);

        state.ReleaseEmptyCollections();

        Assert.Equal(before, WorkflowStateJson.Serialize(state));
        Assert.Equal(before, WorkflowStateJson.Serialize(WorkflowStateJson.Deserialize(before)));
    }

    [Fact]
    public void Only_empty_collections_are_let_go_and_the_state_keeps_what_it_holds()
    {
        var state = Waiting();

        state.ReleaseEmptyCollections();

        // Through the backing fields: reading a property would make the collection again.
        Assert.Null(Field(state, "_tasks"));
        Assert.Null(Field(state, "_outbox"));
        Assert.Null(Field(state, "_variables"));
        Assert.Null(Field(state, "_settings"));
        Assert.Null(Field(state.Paths[0], "_frames"));
        Assert.Null(Field(state.Paths[0].Wait!, "_branches"));
        Assert.NotNull(Field(state, "_paths"));
        Assert.NotNull(Field(state, "_inputs"));
        Assert.NotNull(Field(state.Paths[0].Wait!, "_correlation"));
        Assert.Equal("c-1", state.Inputs["commitmentId"]!.GetValue<string>());
        Assert.Equal("c-1", state.Paths[0].Wait!.Correlation["commitmentId"]);
    }

    [Fact]
    public void A_collection_read_after_it_was_let_go_is_there_to_change()
    {
        var state = Waiting();
        state.ReleaseEmptyCollections();

        state.Tasks.Add(new HumanTask { Id = "t-1", StepId = "review" });
        state.Variables["note"] = "kept";
        state.Paths[0].Frames.Add(new ScopeFrame { StepId = "loop", Kind = ScopeKind.Loop });

        Assert.Equal(["t-1"], state.Tasks.Select(t => t.Id));
        Assert.Equal("kept", state.Variables["note"]!.GetValue<string>());
        Assert.Single(state.Paths[0].Frames);
        var json = JsonNode.Parse(WorkflowStateJson.Serialize(state))!;
        Assert.Equal("t-1", json["tasks"]![0]!["id"]!.GetValue<string>());
    }

    private static WorkflowInstanceState Waiting() => new()
    {
        InstanceId = "i-1",
        DefinitionId = "waiter",
        DefinitionVersion = 1,
        Status = WorkflowStatus.Waiting,
        StartedAt = At,
        UpdatedAt = At,
        Inputs = new JsonObject { ["commitmentId"] = "c-1" },
        Paths =
        [
            new PathToken
            {
                Id = "p1",
                StepId = "wait",
                Status = PathStatus.Waiting,
                Wait = new WaitState
                {
                    Id = "w1",
                    Kind = WaitKind.Event,
                    Since = At,
                    Event = "ReviewRequested",
                    Correlation = new Dictionary<string, string>(StringComparer.Ordinal) { ["commitmentId"] = "c-1" },
                },
            },
        ],
    };

    private static object? Field(object target, string name) =>
        target.GetType().GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(target);
}
