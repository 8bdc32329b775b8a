using System.Globalization;

namespace PayPortal.Domain;

/// <summary>
/// An amount of money as integer minor units (cents) of one currency. Never floating point:
/// every conversion from a fraction says how it rounds.
/// </summary>
public readonly record struct Money(long Minor, Currency Currency) : IComparable<Money>
{
    public static Money Zero(Currency currency) => new(0, currency);

    public bool IsZero => Minor == 0;
    public bool IsNegative => Minor < 0;
    public bool IsPositive => Minor > 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Minor + b.Minor), SameCurrency(a, b));
    public static Money operator -(Money a, Money b) => new(checked(a.Minor - b.Minor), SameCurrency(a, b));
    public static Money operator -(Money a) => new(checked(-a.Minor), a.Currency);
    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public int CompareTo(Money other)
    {
        SameCurrency(this, other);
        return Minor.CompareTo(other.Minor);
    }

    /// <summary>Multiplies by a decimal factor and rounds to whole minor units as told.</summary>
    public Money Multiply(decimal factor, MidpointRounding rounding = MidpointRounding.AwayFromZero) =>
        new(checked((long)Math.Round(Minor * factor, 0, rounding)), Currency);

    /// <summary>A percentage of this amount (e.g. 2 for 2 %), rounded half away from zero.</summary>
    public Money Percent(decimal percent, MidpointRounding rounding = MidpointRounding.AwayFromZero) =>
        Multiply(percent / 100m, rounding);

    /// <summary>The amount as a decimal in major units, exact (for display and export, never for arithmetic).</summary>
    public decimal ToDecimal() => (decimal)Minor / Currency.MinorPerMajor;

    /// <summary>
    /// Parses decimal text with a dot ("1234.50", "-3", "0.5") in major units. Refuses more fraction
    /// digits than the currency has, thousands separators, exponents and anything that is not a number:
    /// an amount from a file is taken as written or rejected, never silently rounded.
    /// </summary>
    public static bool TryParse(string? text, Currency currency, out Money money, out string? error)
    {
        money = default;
        error = null;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            error = "amount is empty";
            return false;
        }
        var negative = s[0] == '-';
        var body = negative || s[0] == '+' ? s[1..] : s;
        var dot = body.IndexOf('.');
        var whole = dot < 0 ? body : body[..dot];
        var fraction = dot < 0 ? "" : body[(dot + 1)..];
        if (whole.Length == 0 && fraction.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (dot >= 0 && fraction.Length == 0))
        {
            error = $"'{s}' is not a decimal amount like 1234.50";
            return false;
        }
        if (fraction.Length > currency.MinorDigits)
        {
            error = currency.MinorDigits == 0
                ? $"'{s}' has decimals, but {currency.Code} has no minor unit"
                : $"'{s}' has more than {currency.MinorDigits} decimals for {currency.Code}";
            return false;
        }
        if (whole.Length > 15)
        {
            error = $"'{s}' is too large";
            return false;
        }
        var minor = long.Parse(whole.Length == 0 ? "0" : whole, CultureInfo.InvariantCulture) * currency.MinorPerMajor
                    + (fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(currency.MinorDigits, '0'), CultureInfo.InvariantCulture));
        money = new Money(negative ? -minor : minor, currency);
        return true;
    }

    public static Money Parse(string text, Currency currency) =>
        TryParse(text, currency, out var money, out var error) ? money : throw new FormatException(error);

    /// <summary>Invariant decimal text with exactly the currency's digits, e.g. "1234.50" (for files).</summary>
    public string ToDecimalString() => ToDecimal().ToString("F" + Currency.MinorDigits, CultureInfo.InvariantCulture);

    /// <summary>For people: "USD 1,234.50".</summary>
    public override string ToString() =>
        $"{Currency.Code} {ToDecimal().ToString("N" + Currency.MinorDigits, CultureInfo.InvariantCulture)}";

    private static Currency SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency
            ? a.Currency
            : throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency} amounts.");
}
