using Network.Host.Cli;
using Network.Host.Hosting;

// `workflows …` is a command-line tool (e.g. `workflows validate workflows/`): it runs without the silo or the web host.
if (args is ["workflows", ..])
{
    return await WorkflowsCommand.RunAsync(args[1..], Console.Out, Console.Error);
}
// `backup --to FILE` and `restore --from FILE` copy the embedded SQLite database out and back, without a silo either.
if (args is ["backup", ..])
{
    return await BackupCommand.RunAsync(args[1..], Console.Out, Console.Error);
}
if (args is ["restore", ..])
{
    return await RestoreCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var app = NetworkHost.Build(args);
await app.RunAsync();
return 0;

/// <summary>The entry point; tests reference it to find the host assembly.</summary>
public partial class Program;
