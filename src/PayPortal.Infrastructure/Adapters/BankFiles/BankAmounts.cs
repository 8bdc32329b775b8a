using System.Globalization;
using PayPortal.Domain;

namespace PayPortal.Infrastructure.Adapters.BankFiles;

internal static class BankAmounts
{
    /// <summary>
    /// Parses a decimal bank amount into minor units of its currency. Trailing zeros beyond the minor
    /// unit are accepted ("8.850" EUR is 885 cents); a non-zero digit beyond it is an error, never rounded.
    /// </summary>
    public static bool TryParseDecimal(string? text, Currency currency, out long minor, out string? problem)
    {
        minor = 0;
        var s = text?.Trim() ?? "";
        var dot = s.IndexOf('.');
        if (dot >= 0)
        {
            var keep = dot + 1 + currency.MinorDigits;
            while (s.Length > keep && s[^1] == '0') s = s[..^1];
            if (s.EndsWith('.')) s = s[..^1];
        }
        if (!Money.TryParse(s, currency, out var money, out problem)) return false;
        minor = money.Minor;
        return true;
    }

    public static bool TryCurrency(string? code, out Currency currency, out string problem)
    {
        problem = "";
        if (Currency.TryParse(code, out var parsed))
        {
            currency = parsed.Value;
            return true;
        }
        currency = default;
        problem = string.IsNullOrWhiteSpace(code) ? "no currency" : $"unknown currency '{code}'";
        return false;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
