using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PayPortal.Web.Tests.Operations;

/// <summary>One line as a logging provider received it: category, level, the formatted message, its values and the scopes open around it.</summary>
public sealed record CapturedEntry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Values,
    IReadOnlyList<KeyValuePair<string, object?>> ScopeValues, IReadOnlyList<string> Scopes, string? Exception)
{
    /// <summary>Everything a log sink could write for this line, as one text to search.</summary>
    public string AllText => string.Join("\n", [Category, Message, .. Values.Select(v => $"{v.Key}={v.Value}"), .. ScopeValues.Select(v => $"{v.Key}={v.Value}"), .. Scopes, Exception ?? ""]);

    public object? Scope(string key) => ScopeValues.LastOrDefault(v => v.Key == key).Value;
}

/// <summary>A logging provider for tests that keeps every line with its scopes, as the JSON console formatter with IncludeScopes would write them.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
    public void Dispose() { }

    /// <summary>Waits (up to 10 s) for a line the test expects: some are written after the response has reached the client.</summary>
    public async Task<CapturedEntry> WaitForAsync(Func<CapturedEntry, bool> match)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Entries.FirstOrDefault(match) is { } entry) return entry;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException("No such log line. Lines:\n" + string.Join("\n", Entries.Select(e => $"{e.Category}: {e.Message}")));
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopeValues = new List<KeyValuePair<string, object?>>();
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, _) =>
            {
                scopes.Add(scope?.ToString() ?? "");
                if (scope is IEnumerable<KeyValuePair<string, object?>> values) scopeValues.AddRange(values);
            }, (object?)null);
            var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            owner._entries.Enqueue(new CapturedEntry(category, logLevel, formatter(state, exception), [.. values], scopeValues, scopes, exception?.ToString()));
        }
    }
}
