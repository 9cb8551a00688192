namespace Network.Host.Hosting;

/// <summary>Settings of the HTTP API, bound from the "Api" section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>The address served when neither --urls nor ASPNETCORE_URLS says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Largest request body accepted, in bytes; larger ones get 413. Endpoints with their own limit below.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest session report (text or structured) an import takes: a real letter is tens of kilobytes.</summary>
    public long MaxSessionImportBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest workflow definition (YAML) validated or published: the library's largest is a few kilobytes.</summary>
    public long MaxWorkflowBytes { get; set; } = 256 * 1024;
}
