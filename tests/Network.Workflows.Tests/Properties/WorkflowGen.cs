using System.Globalization;
using System.Text;
using CsCheck;
using Network.Workflows.Definitions;
using Network.Workflows.Validation;

namespace Network.Workflows.Properties;

/// <summary>
/// Generators for the workflow properties: the library's definitions (workflows/) and small generated ones, their
/// YAML mutated, and random interleavings of events (duplicates and unknown ones included) and timer firings.
/// </summary>
internal static class WorkflowGen
{
    public static readonly DateTimeOffset Start = new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> LibraryFiles { get; } =
        WorkflowCatalog.DefinitionFiles(Path.Combine(AppContext.BaseDirectory, "workflows"));

    public static IReadOnlyList<string> LibraryYaml { get; } = LibraryFiles.Select(File.ReadAllText).ToList();

    public static IReadOnlyList<WorkflowDefinition> Library { get; } = LibraryYaml
        .Select((yaml, i) => WorkflowValidator.Check(yaml, LibraryFiles[i]))
        .Select(r => r.Succeeded ? r.Definition! : throw new InvalidOperationException(string.Join('\n', r.Errors)))
        .ToList();

    // One step of a generated definition: its activity, and the steps it may go to (by index, taken modulo the steps).
    private sealed record StepSpec(int Kind, int Then, int Other, int Hours, bool WithTimeout, bool WithRetry);

    private static readonly Gen<StepSpec> Step = Gen.Select(Gen.Int[0, 10], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[1, 72], Gen.Bool, Gen.Bool,
        (kind, then, other, hours, timeout, retry) => new StepSpec(kind, then, other, hours, timeout, retry));

    /// <summary>A definition of 2 to 7 steps, as YAML: waits, timers, tasks, branches, a parallel, a step that fails.</summary>
    public static readonly Gen<string> GeneratedYaml = Step.Array[2, 7].Select(Yaml);

    private static string Yaml(StepSpec[] steps)
    {
        var yaml = new StringBuilder("""
            id: generated
            version: 1
            title: Generated
            starts-on: manual
            inputs: [key]
            variables:
              count: 0
            steps:

            """);
        string Id(int i) => "s" + i.ToString(CultureInfo.InvariantCulture);
        // Mostly the next step, so most steps are reachable and most definitions validate; else the end or any step
        // (a loop back included).
        string Target(int i, int pick) => (pick % 5) switch
        {
            0 => "end",
            1 or 2 => i + 1 < steps.Length ? Id(i + 1) : "end",
            _ => Id(pick % steps.Length),
        };
        for (var i = 0; i < steps.Length; i++)
        {
            var s = steps[i];
            var then = Target(i, s.Then);
            var hours = s.Hours.ToString(CultureInfo.InvariantCulture);
            yaml.Append("  - id: ").Append(Id(i)).Append('\n');
            yaml.Append(s.Kind switch
            {
                0 => $"    wait-for: Ping\n    where: event.key == input.key\n" + (s.WithTimeout ? $"    timeout: {{ after: PT{hours}H, then: {Target(i, s.Other)} }}\n" : ""),
                1 => $"    timer:\n      after: PT{hours}H\n",
                2 => "    set:\n      count: vars.count + 1\n",
                3 => "    notify: owners\n    message: \"'count ' + vars.count\"\n",
                4 => "    publish: Pong\n    data:\n      key: input.key\n",
                5 => $"    task: owners\n    title: \"'report'\"\n    due: PT{hours}H\n    result: answer\n",
                6 => $"    if: vars.count > {s.Other % 3}\n    else: {Target(i, s.Other)}\n",
                7 => $"    parallel: [{Id((i + 1) % steps.Length)}, {Id((i + 2) % steps.Length)}]\n    join: {(s.Other % 3 == 0 ? "all" : s.Other % 3 == 1 ? "any" : "1")}\n",
                8 => "    set:\n      count: vars.missing.field\n" + (s.WithRetry ? $"    retry: {{ attempts: 2, delay: PT{hours}H }}\n" : ""),
                9 => $"    wait-for: Ping\n    where: event.key == input.key && vars.count >= {s.Other % 2}\n",
                _ => "    end:\n",
            });
            if (s.Kind != 10)
            {
                yaml.Append("    then: ").Append(then).Append('\n');
            }
        }
        return yaml.ToString();
    }

    /// <summary>A library definition (by index) or a generated one that validates; null when the generated one does not.</summary>
    public static WorkflowDefinition? Definition(int library, string? generated)
    {
        if (generated is null)
        {
            return Library[library % Library.Count];
        }
        var result = WorkflowValidator.Check(generated, "generated.yaml");
        return result.Succeeded ? result.Definition : null;
    }

    private static readonly Gen<string> EventName = Gen.Frequency(
        (4, Gen.Const("ProgressReported")), (2, Gen.Const("CampaignStructureAnnounced")), (3, Gen.Const("Ping")), (1, Gen.Const("NoSuchEvent")));

    private static readonly Gen<InstanceAction> Action = Gen.Frequency<InstanceAction>(
        (6, Gen.Select(EventName, Gen.OneOf("c1", "d1", "other"), Gen.Int[0, 9], Gen.OneOf(0, 0, 24, 24 * 30),
            (name, key, id, keep) => (InstanceAction)new DeliverEvent(name, key, id, keep))),
        (4, Gen.Int[1, 24 * 40].Select(h => (InstanceAction)new AdvanceClock(h))),
        (4, Gen.Select(Gen.Int[0, 99], Gen.Int[0, 3].Select(i => i == 0), (pick, early) => (InstanceAction)new FireTimer(pick, early))),
        (1, Gen.Int[0, 99].Select(p => (InstanceAction)new FireStaleTimer(p))),
        (2, Gen.Select(Gen.Int[0, 99], Gen.Int[0, 9], (pick, unknown) => (InstanceAction)new CompleteTask(pick, unknown == 0))),
        (1, Gen.Select(Gen.Int[0, 99], Gen.Bool, (pick, failed) => (InstanceAction)new CompleteChild(pick, failed))),
        (1, Gen.Bool.Select(retry => (InstanceAction)new ResolveIncident(retry))),
        (2, Gen.Const<InstanceAction>(new Store())),
        (1, Gen.Int[0, 9].Select(i => i == 0 ? new Cancel() : (InstanceAction)new Store())));

    public static readonly Gen<InstanceAction[]> Actions = Action.Array[1, 40];
}
