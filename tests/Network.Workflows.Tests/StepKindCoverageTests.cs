using Network.Workflows.Definitions;
using Network.Workflows.Loading;
using Network.Workflows.Runtime;
using Network.Workflows.Runtime.Migration;
using Network.Workflows.Validation;
using static Network.Workflows.Tests.Runtime.Wf;

namespace Network.Workflows.Tests;

/// <summary>
/// Every kind of step (each concrete <see cref="StepDefinition"/>) is known to every place that must know it: the
/// format's keyword tables, the reader, workflows/schema.json, the validator, the graph, the executor and the
/// migration rules. Each place is asked through the code production runs: a minimal workflow per kind is loaded,
/// validated, started and migrated to an identical next version. A new kind fails here, naming each place it is
/// missing from, until it is added everywhere "How to add a step kind" in Runtime/README.md lists.
/// </summary>
public sealed class StepKindCoverageTests
{
    // The step each kind's sample waits at when the kind itself does not wait.
    private const string Hold = """
          - id: hold
            wait-for: ProgressReported
            where: event.commitmentId == input.commitmentId
            then: end
        """;

    /// <summary>
    /// One minimal workflow's steps per kind: the kind's step first (id <c>it</c>, so starting the instance runs it),
    /// every key it takes where that costs nothing, and then, unless it ends the instance, a wait that keeps it running.
    /// </summary>
    private static readonly Dictionary<Type, string> Samples = new()
    {
        [typeof(SequenceStep)] = """
              - id: it
                do: [hold]
                then: end
            """ + "\n" + Hold,
        [typeof(IfStep)] = """
              - id: it
                if: input.commitmentId == 'c1'
                then: hold
                else: hold
            """ + "\n" + Hold,
        [typeof(SwitchStep)] = """
              - id: it
                switch:
                  - when: input.commitmentId == 'c1'
                    then: hold
                default: hold
            """ + "\n" + Hold,
        [typeof(ParallelStep)] = """
              - id: it
                parallel: [hold]
                join: all
                then: end
            """ + "\n" + Hold,
        [typeof(WaitForStep)] = """
              - id: it
                wait-for: ProgressReported
                where: event.commitmentId == input.commitmentId
                timeout: { after: P7D, then: hold }
                result: report
                then: hold
                retry: { attempts: 2, delay: PT1M, backoff: 2 }
            """ + "\n" + Hold,
        [typeof(TimerStep)] = """
              - id: it
                timer: { after: P1D }
            """ + "\n" + Hold,
        [typeof(SetStep)] = """
              - id: it
                set: { reports: vars.reports + 1 }
            """ + "\n" + Hold,
        [typeof(PublishStep)] = """
              - id: it
                publish: CommitmentStalled
                data: { commitmentId: input.commitmentId }
            """ + "\n" + Hold,
        [typeof(NotifyStep)] = """
              - id: it
                notify: owners
                message: "'Please report'"
                contacts: focal point
            """ + "\n" + Hold,
        [typeof(EscalateStep)] = """
              - id: it
                escalate: network-coordinator
                level: 2
                message: "'No report'"
            """ + "\n" + Hold,
        [typeof(TaskStep)] = """
              - id: it
                task: owners
                title: "'Report progress'"
                due: "'2017-02-01'"
                result: report
            """ + "\n" + Hold,
        [typeof(CallStep)] = """
              - id: it
                call: follow-up
                inputs: { commitmentId: input.commitmentId }
                result: report
            """ + "\n" + Hold,
        [typeof(LoopStep)] = """
              - id: it
                loop: hold
                while: vars.reports < 3
                max: 3
                then: end
            """ + "\n" + Hold,
        [typeof(EndStep)] = """
              - id: it
                end:
            """,
        [typeof(FailStep)] = """
              - id: it
                fail: "'given up'"
            """,
    };

    public static TheoryData<string> Kinds => new(StepKinds().Select(k => k.Name));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_place_knows_the_step_kind(string kindName)
    {
        var kind = StepKinds().Single(k => k.Name == kindName);
        var keyword = Keyword(kind);
        Assert.True(Samples.ContainsKey(kind),
            $"{kind.Name} ('{keyword}') has no sample in StepKindCoverageTests.Samples: add a minimal workflow's steps using it, so every place can be checked");

        var problems = new List<string>();
        CheckFormat(keyword, problems);
        CheckSchema(keyword, problems);
        if (Read(kind, problems) is { } definition)
        {
            CheckValidator(definition, problems);
            CheckGraph(definition.Step("it")!, problems);
            CheckExecutor(definition, problems);
            CheckMigration(definition, problems);
        }
        Assert.True(problems.Count == 0,
            $"{kind.Name} ('{keyword}') is missing from {problems.Count} place(s) (Runtime/README.md, How to add a step kind):"
            + string.Concat(problems.Select(p => Environment.NewLine + " - " + p)));
    }

    [Fact]
    public void Every_activity_keyword_is_a_step_kind_and_every_sample_a_kind()
    {
        var keywords = StepKinds().Select(Keyword).ToList();
        Assert.All(WorkflowFormat.ActivityKeywords, k => Assert.True(keywords.Contains(k),
            $"the format names the activity '{k}', but no StepDefinition type has it as its Activity"));
        Assert.All(Samples.Keys, t => Assert.True(StepKinds().Contains(t), $"the sample for {t.Name} is for no concrete step kind"));
    }

    // ---- the places -------------------------------------------------------------------------------------------------

    private static void CheckFormat(string keyword, List<string> problems)
    {
        if (!WorkflowFormat.ActivityKeywords.Contains(keyword) || !WorkflowFormat.StepKeys.ContainsKey(keyword))
        {
            problems.Add($"the format (Loading/WorkflowFormat.cs): ActivityKeywords and StepKeys must both name '{keyword}'");
        }
    }

    private static void CheckSchema(string keyword, List<string> problems)
    {
        var name = $"{keyword}-step";
        var schema = Loading.SchemaTests.Schema;
        var referenced = schema.GetProperty("$defs").GetProperty("step").GetProperty("oneOf").EnumerateArray()
            .Any(s => s.GetProperty("$ref").GetString() == $"#/$defs/{name}");
        if (!schema.GetProperty("$defs").TryGetProperty(name, out var step) || !referenced)
        {
            problems.Add($"the schema (workflows/schema.json): $defs must have '{name}', and $defs/step's oneOf must refer to it");
            return;
        }
        var properties = step.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        if (WorkflowFormat.StepKeys.TryGetValue(keyword, out var keys) && !properties.SequenceEqual(keys.Order(StringComparer.Ordinal)))
        {
            problems.Add($"the schema (workflows/schema.json): '{name}' takes {string.Join(", ", properties)}, the loader {string.Join(", ", keys)}");
        }
    }

    private static WorkflowDefinition? Read(Type kind, List<string> problems)
    {
        var loaded = WorkflowLoader.Load(Yaml(Samples[kind]), "coverage.yaml");
        var step = loaded.Definition?.Step("it");
        if (step?.GetType() != kind || loaded.Errors.Count > 0)
        {
            problems.Add($"the reader (Loading/StepReader.cs, ReadStep's switch): loading the sample gave {step?.GetType().Name ?? "no step 'it'"}"
                + (loaded.Errors.Count == 0 ? "" : ", with errors (or is the sample wrong?): " + string.Join("; ", loaded.Errors)));
            return null;
        }
        return loaded.Definition;
    }

    private static void CheckValidator(WorkflowDefinition definition, List<string> problems)
    {
        var errors = WorkflowValidator.Validate(definition);
        if (errors.Count > 0)
        {
            problems.Add($"the validator (Validation/WorkflowValidator.cs, CheckStep): {string.Join("; ", errors)}");
        }
    }

    private static void CheckGraph(StepDefinition step, List<string> problems)
    {
        var graph = StepGraph.Targets(step).Select(t => t.Target).Order(StringComparer.Ordinal).ToList();
        var transitions = step.Transitions().Select(t => t.Target).Order(StringComparer.Ordinal).ToList();
        if (!graph.SequenceEqual(transitions))
        {
            problems.Add($"the graph (Validation/StepGraph.cs, Targets) lists [{string.Join(", ", graph)}], "
                + $"the step's Transitions() [{string.Join(", ", transitions)}]");
        }
    }

    private static void CheckExecutor(WorkflowDefinition definition, List<string> problems)
    {
        var state = Start(definition, WorkflowRunOptions.Default);
        var ran = state.Journal.Any(e => e.Kind == JournalKinds.StepStarted && e.StepId == "it");
        if (!ran || state.Incidents.Count > 0)
        {
            problems.Add("the executor (Runtime/Execution.cs, Execute's dispatch, and its Activities/ file): "
                + (ran ? "" : "step 'it' did not run; ") + string.Join("; ", state.Incidents.Select(i => $"incident at '{i.StepId}': {i.Error}")));
        }
    }

    private static void CheckMigration(WorkflowDefinition definition, List<string> problems)
    {
        var next = definition with { Version = definition.Version + 1 };
        // As the step left it (waiting at it, inside its scope, or gone on), and parked on an incident at it.
        var held = Start(definition, WorkflowRunOptions.Default);
        var parked = Start(definition, new WorkflowRunOptions { MaxStepsPerCall = 0 });
        foreach (var (how, state) in new[] { ("as it ran", held), ("parked on an incident", parked) })
        {
            if (state.IsEnded)
            {
                continue;
            }
            var result = WorkflowMigration.Migrate(definition, next, state, new Dictionary<string, string>(), T0.AddHours(1));
            if (!result.Succeeded)
            {
                problems.Add($"the migration rules (Runtime/Migration/StepCompatibility.cs) refuse an identical next version, {how}: "
                    + string.Join("; ", result.Errors));
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static List<Type> StepKinds() => typeof(StepDefinition).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(StepDefinition)))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>The kind's YAML keyword: its <see cref="StepDefinition.Activity"/>, read without building a step.</summary>
    private static string Keyword(Type kind) => ((StepDefinition)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(kind)).Activity;

    private static string Yaml(string steps) => $"""
        id: coverage
        version: 1
        title: One step of each kind
        inputs: [commitmentId]
        variables:
          reports: 0
        steps:
        {steps}
        """;

    private static WorkflowInstanceState Start(WorkflowDefinition definition, WorkflowRunOptions options) =>
        WorkflowInterpreter.Start(definition, Json("""{"commitmentId":"c1"}"""), null, T0, "i1", options: options);
}
