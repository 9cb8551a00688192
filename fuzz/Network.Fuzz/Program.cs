using Network.Fuzz;

// afl-fuzz runs this once per target (see fuzz/run); "replay" runs saved inputs once each, outside afl, to see what a
// crash throws before it becomes a regression test.
if (args.Length >= 1 && FuzzTargets.Find(args[0]) is { } target)
{
    if (args.Length >= 3 && args[1] == "replay")
    {
        return Replay.Run(target, args[2..]);
    }
    SharpFuzz.Fuzzer.OutOfProcess.Run(target.Run);
    return 0;
}
Console.Error.WriteLine($"usage: Network.Fuzz <target> [replay <file>...]; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
return 2;
