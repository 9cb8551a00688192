using Network.Host.Hosting;
using Network.Host.Storage;

namespace Network.Host.Cli;

/// <summary>
/// The command line of `backup` and `restore`: the command's own options (<c>--to FILE</c>, <c>--force</c>, …) and
/// settings in the host's own form (<c>--Storage:Sqlite:Path=/var/lib/network/network.db</c> or with the value as the
/// next argument), which override appsettings.json and the environment exactly as they do for the host.
/// </summary>
internal sealed class StorageCommandLine
{
    private StorageCommandLine(IReadOnlyDictionary<string, string> values, IReadOnlySet<string> flags, IReadOnlyList<string> settings, bool help)
    {
        Values = values;
        Flags = flags;
        Settings = settings;
        Help = help;
    }

    /// <summary>The options given with a value, by name (e.g. <c>--to</c>).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The options given without one (e.g. <c>--force</c>).</summary>
    public IReadOnlySet<string> Flags { get; }

    /// <summary>The host settings given, each as <c>--Section:Key=value</c>.</summary>
    public IReadOnlyList<string> Settings { get; }

    /// <summary>Whether help was asked for.</summary>
    public bool Help { get; }

    /// <summary>Reads the arguments; null with <paramref name="problem"/> saying what is wrong when they do not make sense.</summary>
    public static StorageCommandLine? Parse(IReadOnlyList<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flagOptions, out string? problem)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var settings = new List<string>();
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "help")
            {
                help = true;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                problem = $"unexpected argument '{arg}'";
                return null;
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            string? value = equals < 0 ? null : arg[(equals + 1)..];
            if (flagOptions.Contains(name))
            {
                if (value is not null)
                {
                    problem = $"{name} takes no value";
                    return null;
                }
                flags.Add(name);
                continue;
            }
            var isSetting = name.Contains(':', StringComparison.Ordinal);
            if (!isSetting && !valueOptions.Contains(name))
            {
                problem = $"unknown option '{name}'";
                return null;
            }
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    problem = $"{name} needs a value";
                    return null;
                }
                value = args[++i];
            }
            if (isSetting)
            {
                settings.Add($"{name}={value}");
            }
            else if (!values.TryAdd(name, value))
            {
                problem = $"{name} is given twice";
                return null;
            }
            else if (value.Length == 0)
            {
                problem = $"{name} needs a value";
                return null;
            }
        }
        problem = null;
        return new StorageCommandLine(values, flags, settings, help);
    }

    /// <summary>
    /// The storage settings as the host would read them here: the same builder (<see cref="NetworkHost.BuilderOptions"/>),
    /// so appsettings.json of the current folder, the environment and the settings given. Throws
    /// <see cref="InvalidOperationException"/> naming a wrong setting.
    /// </summary>
    public StorageOptions ReadStorage()
    {
        var builder = WebApplication.CreateBuilder(NetworkHost.BuilderOptions([.. Settings]));
        using var configuration = builder.Configuration;
        return StorageOptions.From(configuration);
    }
}
