using System.Globalization;

namespace PayPortal.Cli;

public sealed class UsageException(string message) : Exception(message);

/// <summary>The command words and --options of one invocation; every problem is a <see cref="UsageException"/> naming it.</summary>
public sealed class CliArguments
{
    /// <summary>Options that take no value: present or not.</summary>
    private static readonly HashSet<string> KnownFlags = ["--auto-apply", "--dry-run", "--all-open", "--skip-dunning", "--password-stdin", "--password-prompt"];
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _flags;

    private CliArguments(string? databasePath, string? configFile, string[] command, Dictionary<string, string> options, HashSet<string> flags)
    {
        DatabasePath = databasePath;
        ConfigFile = configFile;
        Command = command;
        _options = options;
        _flags = flags;
    }

    public string? DatabasePath { get; }
    /// <summary>A settings file (appsettings.json format) read after the CLI's own.</summary>
    public string? ConfigFile { get; }
    public string[] Command { get; }

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        string? db = null;
        string? config = null;
        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help") return new CliArguments(null, null, ["help"], options, flags);
            if (arg == "--password" || arg.StartsWith("--password=", StringComparison.Ordinal)) throw new UsageException(UserCommands.PasswordArgumentRefusal);
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(arg);
                continue;
            }
            if (KnownFlags.Contains(arg))
            {
                if (!flags.Add(arg)) throw new UsageException($"{arg} is given twice");
                continue;
            }
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"{arg} needs a value");
            var value = args[++i];
            if (arg == "--db")
            {
                if (string.IsNullOrWhiteSpace(value)) throw new UsageException("--db needs a file path");
                db = value;
            }
            else if (arg == "--config")
            {
                if (string.IsNullOrWhiteSpace(value)) throw new UsageException("--config needs a file path");
                config = value;
            }
            else if (!options.TryAdd(arg, value)) throw new UsageException($"{arg} is given twice");
        }
        if (words.Count == 0) throw new UsageException("no command given");
        return new CliArguments(db, config, [.. words], options, flags);
    }

    /// <summary>Refuses options the command does not take (a typo should not be silently ignored).</summary>
    public void RequireOnly(params string[] allowed)
    {
        var unknown = _options.Keys.Concat(_flags).Where(k => !allowed.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"'{string.Join(' ', Command)}' does not take {string.Join(", ", unknown)}");
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Text(string name) => _options.TryGetValue(name, out var value) ? value : null;

    public int Int(string name, int? fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!_options.TryGetValue(name, out var text))
            return fallback ?? throw new UsageException($"'{string.Join(' ', Command)}' needs {name} N");
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new UsageException($"{name} must be a whole number, not '{text}'");
        if (value < min || value > max)
            throw new UsageException($"{name} must be between {min:N0} and {max:N0}, not {value:N0}");
        return value;
    }

    /// <summary>A date option as yyyy-MM-dd, or <paramref name="fallback"/> when it is not given.</summary>
    public DateOnly Date(string name, DateOnly fallback)
    {
        if (!_options.TryGetValue(name, out var text)) return fallback;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"{name} must be a date like 2026-11-23, not '{text}'");
    }
}
