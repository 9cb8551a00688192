using System.Globalization;
using System.Reflection;

namespace Network.Host.Storage;

/// <summary>One versioned schema script, embedded in this assembly under Storage/Scripts/{dialect}/NNNN_name.sql.</summary>
/// <param name="Version">The number the file name starts with; scripts run in ascending order, each once.</param>
/// <param name="Name">The file name, e.g. "0001_orleans_clustering.sql"; recorded with the version.</param>
/// <param name="Sql">The script's text.</param>
public sealed record SchemaScript(int Version, string Name, string Sql);

/// <summary>Finds the embedded schema scripts of a provider.</summary>
public static class SchemaScripts
{
    /// <summary>The folder under Storage/Scripts that holds a provider's scripts.</summary>
    public static string FolderOf(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => "Sqlite",
        StorageProvider.PostgreSql => "PostgreSql",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown storage provider."),
    };

    /// <summary>The provider's scripts in ascending version order. Throws if two scripts share a version.</summary>
    public static IReadOnlyList<SchemaScript> For(StorageProvider provider)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        // Manifest names are the default namespace plus the folder path with dots: Network.Host.Storage.Scripts.Sqlite.0001_x.sql
        var marker = $".Storage.Scripts.{FolderOf(provider)}.";
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var at = resource.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0 || !resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var name = resource[(at + marker.Length)..];
            scripts.Add(new SchemaScript(ParseVersion(name), name, Read(assembly, resource)));
        }

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Schema scripts {string.Join(" and ", duplicate.Select(s => s.Name))} share version {duplicate.Key}.");
        }
        return scripts.OrderBy(s => s.Version).ToList();
    }

    private static int ParseVersion(string name)
    {
        var digits = new string(name.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
        {
            throw new InvalidOperationException($"Schema script '{name}' does not start with a positive version number (e.g. 0001_name.sql).");
        }
        return version;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded schema script '{resource}' could not be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
