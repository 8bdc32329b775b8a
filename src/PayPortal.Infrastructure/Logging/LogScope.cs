using System.Collections;

namespace PayPortal.Infrastructure.Logging;

/// <summary>
/// A logging scope of named values. The JSON console formatter writes each as a property of every line
/// logged inside the scope; the plain formatter prints <c>Key:Value</c> pairs (a dictionary would print its type name).
/// </summary>
public sealed class LogScope(params KeyValuePair<string, object?>[] values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string RunIdKey = "RunId", RunKey = "Run";

    /// <summary>A background run (an outbox batch, the daily collections run, one Stripe event): its kind and a fresh id, plus any other values.</summary>
    public static LogScope Run(string kind, params KeyValuePair<string, object?>[] more) =>
        new([new(RunKey, kind), new(RunIdKey, NewId()), .. more]);

    /// <summary>32 lowercase hex digits, the shape of a W3C trace id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    public KeyValuePair<string, object?> this[int index] => values[index];
    public int Count => values.Length;
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public override string ToString() => string.Join(", ", values.Select(v => $"{v.Key}:{v.Value}"));
}
