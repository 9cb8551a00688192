namespace Network.Host.Tests.Infrastructure;

/// <summary>
/// "tick": a definition started by hand that waits one real minute (a durable timer, an Orleans reminder) and then
/// says so; what the tests use to see a timer fire once across a crash or a lost silo. Hosts get it beside the
/// shipped library through <see cref="WriteLibrary"/>.
/// </summary>
public static class TickWorkflow
{
    public const string Yaml = """
        id: tick
        version: 1
        title: Wait a minute, then say so
        starts-on: manual
        steps:
          - id: wait-a-minute
            timer:
              after: PT1M
            then: say-so
          - id: say-so
            notify: network-coordinator
            message: "'a minute has passed'"
            then: done
          - id: done
            end:
        """;

    /// <summary>Copies the shipped workflows and adds tick in <c>workflows/</c> under the folder; answers that path.</summary>
    public static string WriteLibrary(string folder)
    {
        var workflows = Directory.CreateDirectory(Path.Combine(folder, "workflows")).FullName;
        foreach (var shipped in Directory.GetFiles(Path.Combine(Path.GetDirectoryName(HostAssembly.Path)!, "workflows"), "*.yaml"))
        {
            File.Copy(shipped, Path.Combine(workflows, Path.GetFileName(shipped)));
        }
        File.WriteAllText(Path.Combine(workflows, "tick.yaml"), Yaml);
        return workflows;
    }
}
