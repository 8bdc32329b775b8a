using System.Net;

namespace PayPortal.Infrastructure.Adapters.Stripe.Sandbox;

/// <summary>
/// A Stripe request's parameters read back into their bracketed keys, from a form-encoded body or a
/// query string alike: <c>line_items[0][price_data][currency]=usd</c>, <c>expand[0]=payment_intent</c>,
/// <c>metadata[portal_payment_id]=7</c>, as Stripe.net encodes them.
/// </summary>
public sealed class SandboxForm
{
    private readonly List<KeyValuePair<string, string>> _pairs;

    public SandboxForm(string? encoded) =>
        _pairs = (encoded ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(WebUtility.UrlDecode(p[0]), p.Length > 1 ? WebUtility.UrlDecode(p[1]) : ""))
            .ToList();

    public static SandboxForm Merge(SandboxForm first, SandboxForm second)
    {
        var merged = new SandboxForm(null);
        merged._pairs.AddRange(first._pairs);
        merged._pairs.AddRange(second._pairs);
        return merged;
    }

    public string? this[string key] => _pairs.LastOrDefault(p => p.Key == key).Value;

    public long? Long(string key) => long.TryParse(this[key], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    public bool Bool(string key) => string.Equals(this[key], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The indices used under a list key, e.g. line_items[0], line_items[1].</summary>
    public IEnumerable<int> Indices(string listKey) =>
        _pairs.Select(p => p.Key).Where(k => k.StartsWith(listKey + "[", StringComparison.Ordinal))
            .Select(k => k[(listKey.Length + 1)..k.IndexOf(']', listKey.Length)])
            .Select(i => int.TryParse(i, out var n) ? n : -1).Where(n => n >= 0).Distinct().Order();

    /// <summary>The entries of a map key, e.g. metadata[portal_payment_id]=7.</summary>
    public Dictionary<string, string> Map(string mapKey) =>
        _pairs.Where(p => p.Key.StartsWith(mapKey + "[", StringComparison.Ordinal) && p.Key.EndsWith(']') && p.Key.IndexOf('[', mapKey.Length + 1) < 0)
            .GroupBy(p => p.Key[(mapKey.Length + 1)..^1]).ToDictionary(g => g.Key, g => g.Last().Value);

    /// <summary>The values of a list key, <c>key[0]=a&amp;key[1]=b</c> (and Stripe's older <c>key[]=a</c>).</summary>
    public IEnumerable<string> List(string listKey) =>
        Indices(listKey).Select(i => this[$"{listKey}[{i}]"]).OfType<string>()
            .Concat(_pairs.Where(p => p.Key == listKey + "[]").Select(p => p.Value));
}
