using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PayPortal.Domain;

/// <summary>An ISO 4217 currency and the number of digits of its minor unit.</summary>
public readonly record struct Currency
{
    // The currencies PayPortal accepts, with their ISO 4217 minor-unit exponent.
    private static readonly FrozenDictionary<string, int> Known = new Dictionary<string, int>
    {
        ["USD"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["CAD"] = 2, ["AUD"] = 2, ["NZD"] = 2, ["CHF"] = 2,
        ["SEK"] = 2, ["NOK"] = 2, ["DKK"] = 2, ["PLN"] = 2, ["CZK"] = 2, ["HUF"] = 2, ["MXN"] = 2,
        ["BRL"] = 2, ["INR"] = 2, ["CNY"] = 2, ["HKD"] = 2, ["SGD"] = 2, ["ZAR"] = 2, ["ILS"] = 2,
        ["JPY"] = 0, ["KRW"] = 0, ["ISK"] = 0, ["CLP"] = 0,
        ["BHD"] = 3, ["KWD"] = 3, ["OMR"] = 3, ["JOD"] = 3, ["TND"] = 3,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly Currency USD = new("USD", 2);
    public static readonly Currency EUR = new("EUR", 2);

    private Currency(string code, int minorDigits)
    {
        Code = code;
        MinorDigits = minorDigits;
    }

    public string Code { get; }
    public int MinorDigits { get; }

    /// <summary>10^MinorDigits: how many minor units make one major unit.</summary>
    public long MinorPerMajor => MinorDigits switch { 0 => 1, 1 => 10, 2 => 100, _ => 1000 };

    /// <summary>The codes of the accepted currencies whose minor unit has this many digits.</summary>
    public static IReadOnlyList<string> CodesWithMinorDigits(int digits) => Known.Where(k => k.Value == digits).Select(k => k.Key).Order().ToList();

    public static bool TryParse(string? code, [NotNullWhen(true)] out Currency? currency)
    {
        var normalized = code?.Trim().ToUpperInvariant();
        if (normalized is not null && Known.TryGetValue(normalized, out var digits))
        {
            currency = new Currency(normalized, digits);
            return true;
        }
        currency = null;
        return false;
    }

    public static Currency Parse(string code) =>
        TryParse(code, out var currency)
            ? currency.Value
            : throw new DomainRefusal($"'{code}' is not a supported ISO 4217 currency code.");

    public override string ToString() => Code;
}
