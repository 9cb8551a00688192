using Network.Host.Hosting;

var app = NetworkHost.Build(args);
await app.RunAsync();

/// <summary>The entry point; tests reference it to find the host assembly.</summary>
public partial class Program;
