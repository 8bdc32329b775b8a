using System.Net;

namespace PayPortal.Infrastructure.Stripe.Sandbox;

/// <summary>A form-encoded Stripe request body read back into its bracketed keys.</summary>
public sealed class SandboxForm
{
    private readonly List<KeyValuePair<string, string>> _pairs;

    public SandboxForm(string body) =>
        _pairs = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string>(WebUtility.UrlDecode(p[0]), p.Length > 1 ? WebUtility.UrlDecode(p[1]) : ""))
            .ToList();

    public string? this[string key] => _pairs.LastOrDefault(p => p.Key == key).Value;

    /// <summary>The indices used under a list key, e.g. line_items[0], line_items[1].</summary>
    public IEnumerable<int> Indices(string listKey) =>
        _pairs.Select(p => p.Key).Where(k => k.StartsWith(listKey + "[", StringComparison.Ordinal))
            .Select(k => k[(listKey.Length + 1)..k.IndexOf(']', listKey.Length)])
            .Select(i => int.TryParse(i, out var n) ? n : -1).Where(n => n >= 0).Distinct().Order();

    /// <summary>The entries of a map key, e.g. metadata[portal_payment_id]=7.</summary>
    public Dictionary<string, string> Map(string mapKey) =>
        _pairs.Where(p => p.Key.StartsWith(mapKey + "[", StringComparison.Ordinal) && p.Key.EndsWith(']') && p.Key.IndexOf('[', mapKey.Length + 1) < 0)
            .ToDictionary(p => p.Key[(mapKey.Length + 1)..^1], p => p.Value);

    public IEnumerable<string> List(string listKey) => Indices(listKey).Select(i => this[$"{listKey}[{i}]"]).OfType<string>();
}
