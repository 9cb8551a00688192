using CsCheck;
using Network.Workflows.Loading;
using Network.Workflows.Properties;
using Network.Workflows.Validation;

namespace Network.Workflows.Tests.Properties;

/// <summary>
/// Properties of the YAML loader and the interpreter over generated input (CsCheck: a failure prints the seed that
/// replays it, <c>CsCheck_Seed=…</c>, and the smallest input it shrank to).
/// </summary>
public sealed class WorkflowPropertyTests
{
    [Fact]
    public void A_mutated_definition_loads_or_lists_its_errors_at_real_places_and_never_throws() =>
        Gen.Select(Gen.Int[0, 99], WorkflowGen.GeneratedYaml, Gen.Bool, TextEdit.Any.Array[1, 6])
            .Sample((pick, generated, fromLibrary, edits) =>
            {
                var yaml = TextEdit.Apply(fromLibrary ? WorkflowGen.LibraryYaml[pick % WorkflowGen.LibraryYaml.Count] : generated, edits);
                AssertLoadedOrListed(yaml);
            }, iter: 400, print: t => $"library {t.Item3} #{t.Item1}, edits [{string.Join(", ", t.Item4.Select(e => e.ToString()))}]\n{t.Item2}");

    [Fact]
    public void Generated_definitions_load_or_list_their_errors() =>
        WorkflowGen.GeneratedYaml.Sample(AssertLoadedOrListed, iter: 300);

    [Fact]
    public void The_library_keeps_its_invariants_under_any_order_of_events_and_timers() =>
        Gen.Select(Gen.Int[0, 99], WorkflowGen.Actions).Sample((library, actions) =>
        {
            var run = new InterpreterRun(WorkflowGen.Definition(library, null)!, InterpreterRun.LibraryInputs(WorkflowGen.Start), WorkflowGen.Start);
            foreach (var action in actions)
            {
                run.Apply(action);
            }
        }, iter: 300, print: t => $"{WorkflowGen.Library[t.Item1 % WorkflowGen.Library.Count].Id}: [{string.Join(", ", t.Item2.Select(a => a.ToString()))}]");

    [Fact]
    public void Generated_definitions_keep_their_invariants_under_any_order_of_events_and_timers()
    {
        var ran = 0;
        Gen.Select(WorkflowGen.GeneratedYaml, WorkflowGen.Actions).Sample((yaml, actions) =>
        {
            if (WorkflowGen.Definition(0, yaml) is not { } definition)
            {
                return;
            }
            Interlocked.Increment(ref ran);
            var run = new InterpreterRun(definition, InterpreterRun.LibraryInputs(WorkflowGen.Start), WorkflowGen.Start);
            foreach (var action in actions)
            {
                run.Apply(action);
            }
        }, iter: 250, print: t => $"[{string.Join(", ", t.Item2.Select(a => a.ToString()))}]\n{t.Item1}");
        // The generator must keep making definitions that validate, or this property would test nothing.
        Assert.True(ran >= 40, $"only {ran} of 250 generated definitions validated");
    }

    private static void AssertLoadedOrListed(string yaml)
    {
        // Every line break YAML knows (LF, CR, CRLF, NEL, LS, PS) may start a line in an error's position.
        var lines = yaml.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') + 1;
        var result = WorkflowValidator.Check(yaml, "mutated.yaml");
        Assert.Equal(result.Succeeded, result.Definition is not null && result.Errors.Count == 0);
        Assert.All(result.Errors, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Code));
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            Assert.Equal("mutated.yaml", e.At.File);
            Assert.InRange(e.At.Line, 1, lines + 1);
            Assert.True(e.At.Column >= 1, $"{e}: column below 1");
        });
        // The loader alone is what publishing calls first: it must agree that the text is YAML of the right shape.
        var loaded = WorkflowLoader.Load(yaml, "mutated.yaml");
        Assert.True(loaded.Errors.Count <= result.Errors.Count);
    }
}
