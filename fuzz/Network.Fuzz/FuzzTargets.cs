namespace Network.Fuzz;

/// <summary>An entry point under fuzzing: its name on the command line, and what one input does to it.</summary>
/// <param name="Run">Returns normally for input that is handled (read, or refused with the entry point's own error);
/// any exception it lets out is a crash for afl.</param>
internal sealed record FuzzTarget(string Name, Action<string> Run);

internal static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("session-letter", SessionLetterTarget.Run),
        new("workflow-yaml", WorkflowYamlTarget.Run),
        new("interpreter", InterpreterTarget.Run),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}

/// <summary>Runs saved inputs (a crash from afl's output, a corpus file) once each and prints what each did.</summary>
internal static class Replay
{
    public static int Run(FuzzTarget target, IEnumerable<string> files)
    {
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllText(file));
                Console.WriteLine($"{file}: handled");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"{file}: {e}");
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
