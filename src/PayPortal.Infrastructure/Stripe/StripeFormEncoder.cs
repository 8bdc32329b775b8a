using System.Collections;
using System.Globalization;
using System.Text;

namespace PayPortal.Infrastructure.Stripe;

/// <summary>
/// Stripe's request bodies: application/x-www-form-urlencoded with bracketed keys for nesting, e.g.
/// line_items[0][price_data][unit_amount]=1000, metadata[payment_id]=42, payment_method_types[0]=card.
/// Keys keep their order; null values are left out; booleans are "true"/"false".
/// </summary>
public static class StripeFormEncoder
{
    public static string Encode(IEnumerable<KeyValuePair<string, object?>> parameters) =>
        string.Join('&', Flatten(parameters).Select(p => $"{EscapeKey(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in parameters) Flatten(key, value, pairs);
        return pairs;
    }

    private static void Flatten(string key, object? value, List<KeyValuePair<string, string>> pairs)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                pairs.Add(new(key, s));
                return;
            case bool b:
                pairs.Add(new(key, b ? "true" : "false"));
                return;
            case IFormattable f:
                pairs.Add(new(key, f.ToString(null, CultureInfo.InvariantCulture)));
                return;
            case IEnumerable<KeyValuePair<string, object?>> map:
                foreach (var (k, v) in map) Flatten($"{key}[{k}]", v, pairs);
                return;
            case IEnumerable<KeyValuePair<string, string>> stringMap:
                foreach (var (k, v) in stringMap) Flatten($"{key}[{k}]", v, pairs);
                return;
            case IEnumerable list:
                var i = 0;
                foreach (var item in list) Flatten($"{key}[{i++}]", item, pairs);
                return;
            default:
                throw new ArgumentException($"Cannot form-encode {value.GetType().Name} for '{key}'.");
        }
    }

    // Values are percent-encoded as UTF-8; keys too, but their brackets stay readable, as stripe-node sends them.
    private static string EscapeKey(string key) => Uri.EscapeDataString(key).Replace("%5B", "[").Replace("%5D", "]");
}
