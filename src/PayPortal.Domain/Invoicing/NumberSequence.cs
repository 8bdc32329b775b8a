using System.Globalization;

namespace PayPortal.Domain.Invoicing;

/// <summary>
/// A gapless counter for document numbers ("invoice", "credit-memo"). The prefix and width come from
/// configuration when a number is taken, so a company can change its format from one number on.
/// </summary>
public class NumberSequence : IVersioned
{
    public const string Invoices = "invoice";
    public const string CreditMemos = "credit-memo";

    private NumberSequence() { }

    public NumberSequence(string name, long firstValue)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainRefusal("A sequence needs a name.");
        if (firstValue < 1) throw new DomainRefusal("Numbers start at 1 or above.");
        Name = name;
        NextValue = firstValue;
    }

    public string Name { get; private set; } = "";
    public long NextValue { get; private set; }
    public long Version { get; set; }

    /// <summary>Takes the next number, e.g. prefix "INV-" and width 6 give "INV-000042".</summary>
    public string Take(string prefix, int width)
    {
        if (width is < 1 or > 18) throw new DomainRefusal("The width is 1 to 18 digits.");
        var number = prefix + NextValue.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        NextValue = checked(NextValue + 1);
        return number;
    }

}
