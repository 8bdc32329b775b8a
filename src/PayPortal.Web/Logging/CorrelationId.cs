using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using PayPortal.Infrastructure.Logging;

namespace PayPortal.Web.Logging;

/// <summary>
/// The id that ties together every log line of one request: the caller's <c>X-Correlation-Id</c> when it is
/// well-formed, else the trace id of a well-formed W3C <c>traceparent</c>, else a new one. Anything else a
/// caller sends is ignored, so a header cannot smuggle text (or line breaks) into the logs.
/// </summary>
public static partial class CorrelationId
{
    public const string Header = "X-Correlation-Id";
    public const string ScopeKey = "CorrelationId";
    private const string ItemKey = "PayPortal.CorrelationId";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex WellFormed();

    // version-traceid-parentid-flags; version ff is invalid, as are all-zero ids.
    [GeneratedRegex("^(?!ff)[0-9a-f]{2}-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$")]
    private static partial Regex TraceParent();

    public static string Choose(StringValues correlationHeader, StringValues traceParentHeader)
    {
        if (correlationHeader.Count == 1 && correlationHeader[0] is { } given && WellFormed().IsMatch(given)) return given;
        if (traceParentHeader.Count == 1 && traceParentHeader[0] is { } parent && TraceParent().Match(parent) is { Success: true } m) return m.Groups[1].Value;
        return Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : LogScope.NewId();
    }

    /// <summary>The correlation id of this request (also on the error page, so a customer's reference finds the log lines).</summary>
    public static string? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var id) ? id as string : null;

    internal static void Set(HttpContext context, string id) => context.Items[ItemKey] = id;
}
