namespace PayPortal.Domain.Customers;

/// <summary>
/// Payment terms such as "Net 30" or "2/10 Net 30": the invoice is due <see cref="NetDays"/> after
/// issue, and paying within <see cref="DiscountDays"/> of issue earns <see cref="DiscountPercent"/> off.
/// </summary>
public sealed record PaymentTerms
{
    public PaymentTerms(int netDays, decimal discountPercent = 0, int discountDays = 0)
    {
        if (netDays is < 0 or > 3650)
            throw new DomainRefusal("Net days must be between 0 and 3650.");
        if (discountPercent is < 0 or >= 100)
            throw new DomainRefusal("Discount percent must be at least 0 and below 100.");
        if (decimal.Round(discountPercent, 2) != discountPercent)
            throw new DomainRefusal("Discount percent has at most two decimals.");
        if (discountDays < 0 || discountDays > netDays)
            throw new DomainRefusal("Discount days must be between 0 and the net days.");
        if ((discountPercent == 0) != (discountDays == 0))
            throw new DomainRefusal("An early-payment discount needs both a percent and a number of days.");
        NetDays = netDays;
        DiscountPercent = discountPercent;
        DiscountDays = discountDays;
    }

    public int NetDays { get; }
    public decimal DiscountPercent { get; }
    public int DiscountDays { get; }
    public bool HasEarlyPaymentDiscount => DiscountPercent > 0;

    public static PaymentTerms Net(int days) => new(days);

    public DateOnly DueDate(DateOnly issued) => issued.AddDays(NetDays);

    /// <summary>The last day the discount can be taken, or null when there is none.</summary>
    public DateOnly? DiscountDeadline(DateOnly issued) => HasEarlyPaymentDiscount ? issued.AddDays(DiscountDays) : null;

    public override string ToString() =>
        HasEarlyPaymentDiscount ? $"{DiscountPercent:0.##}/{DiscountDays} Net {NetDays}" : $"Net {NetDays}";
}
