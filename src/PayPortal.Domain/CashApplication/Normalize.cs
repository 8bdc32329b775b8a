using System.Text;

namespace PayPortal.Domain.CashApplication;

/// <summary>How the engine compares invoice numbers and names: the way people mistype them.</summary>
public static class Normalize
{
    private static readonly HashSet<string> LegalForms =
        ["inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "ag", "sa", "plc", "the", "and", "of", "lp", "llp", "bv", "nv"];

    /// <summary>
    /// The digits that identify an invoice number: its last run of digits without leading zeros, so
    /// "INV-000123", "inv 123", "2024-00123" and "S7-0000123" share the key "123" (the amount and the
    /// customer then tell them apart). Null without such a run of 3 digits or more, or when letters
    /// follow the digits (a word like "2ND" or a postcode like "SW1A").
    /// </summary>
    public static string? NumberKey(string text)
    {
        var end = text.Length;
        while (end > 0 && !char.IsAsciiLetterOrDigit(text[end - 1])) end--;
        if (end == 0 || !char.IsAsciiDigit(text[end - 1])) return null;
        var start = end;
        while (start > 0 && char.IsAsciiDigit(text[start - 1])) start--;
        var key = text[start..end].TrimStart('0');
        return key.Length >= 3 ? key : null;
    }

    /// <summary>A payer name as comparable tokens: lower case, accents and punctuation and legal forms removed.</summary>
    public static IReadOnlyList<string> NameTokens(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return [];
        var plain = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            plain.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !LegalForms.Contains(t)).ToList();
    }

    public static string NameKey(string? name) => string.Join(' ', NameTokens(name));

    /// <summary>An account number as comparable text: letters and digits only, upper case.</summary>
    public static string AccountKey(string account) => new(account.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    /// <summary>Jaro-Winkler similarity (0-1): forgiving of typos and dropped letters, strict on different names.</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        if (a == b) return 1;
        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        var aMatched = new bool[a.Length];
        var bMatched = new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = Math.Max(0, i - window); j < Math.Min(b.Length, i + window + 1); j++)
            {
                if (bMatched[j] || a[i] != b[j]) continue;
                aMatched[i] = bMatched[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0) return 0;
        var transpositions = 0;
        for (int i = 0, k = 0; i < a.Length; i++)
        {
            if (!aMatched[i]) continue;
            while (!bMatched[k]) k++;
            if (a[i] != b[k]) transpositions++;
            k++;
        }
        var m = (double)matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix]) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>Keys one mistyped or two swapped digits away from <paramref name="key"/>.</summary>
    public static IEnumerable<string> OneTypoAway(string key)
    {
        var chars = key.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var original = chars[i];
            for (var d = '0'; d <= '9'; d++)
            {
                if (d == original) continue;
                chars[i] = d;
                yield return new string(chars).TrimStart('0');
            }
            chars[i] = original;
        }
        for (var i = 0; i + 1 < chars.Length; i++)
        {
            if (chars[i] == chars[i + 1]) continue;
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
            yield return new string(chars).TrimStart('0');
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        }
    }
}
