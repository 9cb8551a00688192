using System.Globalization;
using Network.Workflows.Definitions;
using Network.Workflows.Properties;
using Network.Workflows.Validation;

namespace Network.Fuzz;

/// <summary>
/// The interpreter, driven by a script: the first line names a library workflow (workflows/), or the text up to a
/// line "%%" is a definition of its own; each line after is one action, checked by <see cref="InterpreterRun"/>
/// (the same driver and invariants as the property tests):
/// <code>
/// e NAME KEY ID KEEPHOURS   an event (ids 0..3 repeat, so redeliveries happen)
/// + HOURS                   the clock moves on; the due timers fire
/// t PICK [early]            one open timer fires
/// s PICK                    a timer for a wait that is gone
/// k PICK [unknown]          a task is completed
/// c PICK [failed]           a child call ends
/// r | x | c! | w            retry, skip an incident; cancel; the host stores (outbox, journal, applied ids)
/// </code>
/// A line that is not an action is skipped; a definition that does not validate is not run.
/// </summary>
internal static class InterpreterTarget
{
    private static readonly DateTimeOffset Start = new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, WorkflowDefinition> Library = LoadLibrary();

    public static void Run(string script)
    {
        var lines = script.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        WorkflowDefinition? definition;
        int first;
        var separator = Array.IndexOf(lines, "%%");
        if (separator >= 0)
        {
            var result = WorkflowValidator.Check(string.Join('\n', lines[..separator]), "fuzz.yaml");
            definition = result.Succeeded ? result.Definition : null;
            first = separator + 1;
        }
        else
        {
            definition = Library.GetValueOrDefault(lines[0].Trim());
            first = 1;
        }
        if (definition is null)
        {
            return;
        }
        var run = new InterpreterRun(definition, InterpreterRun.LibraryInputs(Start), Start);
        foreach (var line in lines.Skip(first).Take(500))
        {
            if (Parse(line) is { } action)
            {
                run.Apply(action);
            }
        }
    }

    private static InstanceAction? Parse(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }
        int Number(int at) => words.Length > at && int.TryParse(words[at], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Min(n, 24 * 400) : 0;
        string Word(int at, string otherwise) => words.Length > at ? words[at] : otherwise;
        return words[0] switch
        {
            "e" => new DeliverEvent(Word(1, "ProgressReported"), Word(2, "c1"), Number(3), Number(4)),
            "+" => new AdvanceClock(Math.Max(1, Number(1))),
            "t" => new FireTimer(Number(1), Word(2, "") == "early"),
            "s" => new FireStaleTimer(Number(1)),
            "k" => new CompleteTask(Number(1), Word(2, "") == "unknown"),
            "c" => new CompleteChild(Number(1), Word(2, "") == "failed"),
            "r" => new ResolveIncident(true),
            "x" => new ResolveIncident(false),
            "c!" => new Cancel(),
            "w" => new Store(),
            _ => null,
        };
    }

    private static Dictionary<string, WorkflowDefinition> LoadLibrary()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "workflows");
        var library = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal);
        foreach (var file in WorkflowCatalog.DefinitionFiles(directory))
        {
            var result = WorkflowValidator.Check(File.ReadAllText(file), file);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"the library definition {file} does not validate");
            }
            library[result.Definition!.Id] = result.Definition;
        }
        return library;
    }
}
