using PayPortal.Domain;
using PayPortal.Domain.Payments;

namespace PayPortal.Infrastructure.Payments;

public enum PortalPaymentStatus
{
    /// <summary>Checkout created; the customer has not finished it.</summary>
    Pending = 1,
    /// <summary>Bank debit submitted; the money arrives in a few days (or not).</summary>
    Processing = 2,
    Succeeded = 3,
    Failed = 4,
    Cancelled = 5,
}

/// <summary>
/// A customer's attempt to pay invoices online through Stripe Checkout. Money is applied only when
/// Stripe says it succeeded (a signed webhook), never on the customer's return to the portal.
/// </summary>
public class PortalPayment : Domain.IVersioned
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public string ContactUserId { get; set; } = "";
    public string CurrencyCode { get; set; } = "";
    public long AmountMinor { get; set; }
    public PortalPaymentStatus Status { get; set; } = PortalPaymentStatus.Pending;
    public string? CheckoutSessionId { get; set; }
    public string? PaymentIntentId { get; set; }
    public PaymentMethod? Method { get; set; }
    /// <summary>The customer's credit memos used, beside the cash (<see cref="AmountMinor"/>).</summary>
    public long CreditMinor => Lines.Sum(l => l.CreditMinor);
    /// <summary>The AR payment written when the money arrived; none when credits alone settled the invoices.</summary>
    public long? PaymentId { get; set; }
    /// <summary>The payment plan whose installment this pays, if any.</summary>
    public long? PaymentPlanId { get; set; }
    /// <summary>Paid through the built-in sandbox: test money.</summary>
    public bool IsTest { get; set; }
    public string? FailureMessage { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public long Version { get; set; }
    public List<PortalPaymentLine> Lines { get; set; } = [];

    public Money Amount => new(AmountMinor, Currency.Parse(CurrencyCode));
}

public class PortalPaymentLine
{
    public long Id { get; set; }
    public long PortalPaymentId { get; set; }
    public long InvoiceId { get; set; }
    public string InvoiceNumber { get; set; } = "";
    /// <summary>Cash to take by card or bank debit.</summary>
    public long AmountMinor { get; set; }
    public long DiscountMinor { get; set; }
    /// <summary>The customer's credit memos put on the invoice before the cash.</summary>
    public long CreditMinor { get; set; }
}

/// <summary>A Stripe event handled once: its id is unique, so a redelivery (even in parallel) is a no-op.</summary>
public class StripeEventRecord
{
    public long Id { get; set; }
    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    /// <summary>What handling it did, e.g. "applied payment 12", "ignored: unknown checkout session".</summary>
    public string Outcome { get; set; } = "";
}
