namespace PayPortal.Domain.Invoicing;

/// <summary>A line as typed into a draft, before it is numbered and computed.</summary>
public sealed record InvoiceLineDraft(string Description, decimal Quantity, long UnitPriceMinor, decimal DiscountPercent = 0, decimal TaxRatePercent = 0);

/// <summary>
/// One line of an invoice. Amounts are computed once, when the line is made, and rounded per line
/// (half away from zero): net = quantity x unit price less the line discount; tax = net x rate.
/// The invoice total is the sum of line totals, so what is printed always adds up.
/// </summary>
public class InvoiceLine
{
    // Bounds that keep quantity x price inside what a long holds in minor units, with room for tax.
    public const decimal MaxQuantity = 1_000_000_000m;
    public const long MaxUnitPriceMinor = 1_000_000_000_00L;

    private InvoiceLine() { }

    public InvoiceLine(int lineNo, string description, decimal quantity, long unitPriceMinor, decimal discountPercent = 0, decimal taxRatePercent = 0)
    {
        if (string.IsNullOrWhiteSpace(description)) throw new DomainRefusal("A line needs a description.");
        if (quantity <= 0) throw new DomainRefusal("Quantity must be positive.");
        if (quantity > MaxQuantity) throw new DomainRefusal($"Quantity can be at most {MaxQuantity:N0}.");
        if (unitPriceMinor < 0) throw new DomainRefusal("Unit price cannot be negative.");
        if (unitPriceMinor > MaxUnitPriceMinor) throw new DomainRefusal("The unit price is too large.");
        if (discountPercent is < 0 or > 100) throw new DomainRefusal("Discount must be 0 to 100 %.");
        if (taxRatePercent is < 0 or > 100) throw new DomainRefusal("Tax rate must be 0 to 100 %.");
        LineNo = lineNo;
        Description = description.Trim();
        Quantity = quantity;
        UnitPriceMinor = unitPriceMinor;
        DiscountPercent = discountPercent;
        TaxRatePercent = taxRatePercent;
        var gross = quantity * unitPriceMinor;
        NetMinor = checked((long)Math.Round(gross - gross * discountPercent / 100m, 0, MidpointRounding.AwayFromZero));
        TaxMinor = checked((long)Math.Round(NetMinor * taxRatePercent / 100m, 0, MidpointRounding.AwayFromZero));
    }

    public long Id { get; private set; }
    public long InvoiceId { get; private set; }
    public int LineNo { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public long UnitPriceMinor { get; private set; }
    public decimal DiscountPercent { get; private set; }
    public decimal TaxRatePercent { get; private set; }
    public long NetMinor { get; private set; }
    public long TaxMinor { get; private set; }
    public long TotalMinor => NetMinor + TaxMinor;
}
