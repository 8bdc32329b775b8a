namespace PayPortal.Infrastructure.Payments;

/// <summary>
/// A payout Stripe sent to our bank, as Stripe itself itemised it (its balance transactions): which
/// charges, refunds and chargebacks it nets, so the bank statement's payout line settles exactly the
/// payments it carries.
/// </summary>
public class StripePayout
{
    public long Id { get; set; }
    public string PayoutId { get; set; } = "";
    public long AmountMinor { get; set; }
    public string CurrencyCode { get; set; } = "";
    public DateOnly ArrivalDate { get; set; }
    public bool IsTest { get; set; }
    public DateTime ReceivedAt { get; set; }
    public List<StripePayoutItem> Items { get; set; } = [];
}

/// <summary>One balance transaction in a payout: a charge (with its fee), a refund, a dispute adjustment.</summary>
public class StripePayoutItem
{
    public long Id { get; set; }
    public long StripePayoutId { get; set; }
    public string BalanceTransactionId { get; set; } = "";
    public string Type { get; set; } = "";
    public string? SourceId { get; set; }
    /// <summary>The PaymentIntent of the charge behind it, which names our payment.</summary>
    public string? PaymentIntentId { get; set; }
    public long AmountMinor { get; set; }
    public long FeeMinor { get; set; }
}
