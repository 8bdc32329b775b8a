using System.Collections.Concurrent;
using System.Reflection;
using Xunit.Sdk;

[assembly: PayPortal.E2E.FailOnCspViolations]

namespace PayPortal.E2E;

/// <summary>
/// What Chromium reported as blocked by the portal's Content-Security-Policy (console messages and
/// securitypolicyviolation events) during the current test. Journeys in one collection run one after another.
/// </summary>
public static class CspViolations
{
    private static readonly ConcurrentQueue<string> Seen = new();

    public static void Record(string violation) => Seen.Enqueue(violation);
    public static IReadOnlyList<string> Current => [.. Seen];
    public static void Clear() => Seen.Clear();

    /// <summary>Added to every page before its scripts run: each violation is also logged where <see cref="Record"/> hears it.</summary>
    public const string ListenerScript = """
        document.addEventListener('securitypolicyviolation', e =>
            console.error('Content Security Policy violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;
}

/// <summary>Fails any test during which the browser reported a CSP violation.</summary>
public sealed class FailOnCspViolationsAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest) => CspViolations.Clear();

    public override void After(MethodInfo methodUnderTest)
    {
        var violations = CspViolations.Current;
        CspViolations.Clear();
        if (violations.Count > 0) throw new Xunit.Sdk.XunitException("Content-Security-Policy violations:\n" + string.Join("\n", violations));
    }
}
