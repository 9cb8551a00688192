using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Network.Workflows.Runtime;
using static Network.Workflows.Tests.Runtime.Wf;

namespace Network.Workflows.Tests.Runtime;

/// <summary>
/// A state held between steps is compacted (<see cref="WorkflowInstanceState.Compact"/>) to save memory: it lets go
/// of its empty collections and of the parsed documents its JSON values point into. It must stay the same state,
/// written as the same JSON, and a collection read afterwards must be there to change.
/// </summary>
public sealed class CompactStateTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_state_that_let_go_of_its_empty_collections_is_written_as_the_same_json()
    {
        var state = Waiting();
        var before = WorkflowStateJson.Serialize(state);

        state.Compact();

        Assert.Equal(before, WorkflowStateJson.Serialize(state));
        Assert.Equal(before, WorkflowStateJson.Serialize(WorkflowStateJson.Deserialize(before)));
    }

    [Fact]
    public void Only_empty_collections_are_let_go_and_the_state_keeps_what_it_holds()
    {
        var state = Waiting();

        state.Compact();

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
        state.Compact();

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

    [Fact]
    public void Parsed_text_and_true_false_values_get_their_own_storage_and_the_json_stays_the_same()
    {
        const string text = """{"id":"c-1","ok":true,"no":false,"none":null,"amount":1.50,"list":["a",2,{"deep":"b"}],"inner":{"name":"x"}}""";
        var state = Waiting();
        state.Inputs = JsonNode.Parse(text)!.AsObject();
        state.Variables = JsonNode.Parse("""{"note":"n"}""")!.AsObject();

        state.Compact();

        Assert.Equal(text, state.Inputs.ToJsonString());
        Assert.False(Parsed(state.Inputs["id"]));
        Assert.False(Parsed(state.Inputs["ok"]));
        Assert.False(Parsed(state.Inputs["list"]![0]));
        Assert.False(Parsed(state.Inputs["list"]![2]!["deep"]));
        Assert.False(Parsed(state.Inputs["inner"]!["name"]));
        Assert.False(Parsed(state.Variables["note"]));
        // Numbers keep their exact text.
        Assert.True(Parsed(state.Inputs["amount"]));
        Assert.Equal(1.5, state.Inputs["amount"]!.GetValue<double>());
        Assert.Equal("c-1", state.Inputs["id"]!.GetValue<string>());
        Assert.True(state.Inputs["ok"]!.GetValue<bool>());

        // A state compacted once skips the walk at its next compaction, unless an object was set since.
        state.Variables = JsonNode.Parse("""{"later":"l"}""")!.AsObject();
        state.Compact();
        Assert.False(Parsed(state.Variables["later"]));
    }

    private static bool Parsed(JsonNode? value) => value is JsonValue v && v.TryGetValue<JsonElement>(out _);

    [Fact]
    public void Instances_of_one_definition_share_their_first_ids_instead_of_holding_copies()
    {
        var definition = Define(WaitFor("wait", "Ping", null));

        var first = WorkflowInterpreter.Start(definition, null, null, T0, "i-1");
        var second = WorkflowInterpreter.Start(definition, null, null, T0, "i-2");

        Assert.Equal(first.Paths[0].Wait!.Id, second.Paths[0].Wait!.Id);
        Assert.Same(first.Paths[0].Wait!.Id, second.Paths[0].Wait!.Id);
        Assert.Same(first.Paths[0].Id, second.Paths[0].Id);
    }
}
