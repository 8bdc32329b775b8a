namespace PayPortal.Domain.Payments;

public enum PortalPaymentStatus
{
    /// <summary>Checkout created; the customer has not finished it.</summary>
    Pending = 1,
    /// <summary>Bank debit submitted; the money arrives in a few days (or not).</summary>
    Processing = 2,
    Succeeded = 3,
    Failed = 4,
    /// <summary>The customer cancelled on the checkout page (the session is expired at Stripe too).</summary>
    Cancelled = 5,
    /// <summary>The checkout was never finished and Stripe expired it.</summary>
    Expired = 6,
}

/// <summary>
/// A customer's attempt to pay invoices online through Stripe Checkout. Money is applied only when
/// Stripe says it succeeded (a signed webhook), never on the customer's return to the portal. Its
/// states move one way: pending → processing (a bank debit) → succeeded or failed; pending → expired
/// or cancelled (a cancel explains an expiry). Money Stripe confirms is applied whatever the portal
/// thought meanwhile (a checkout paid a moment before the customer cancelled it), so succeeded can
/// follow cancelled or expired; succeeded and failed are final.
/// </summary>
public class PortalPayment : IVersioned
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public string ContactUserId { get; set; } = "";
    public string CurrencyCode { get; set; } = "";
    public long AmountMinor { get; set; }
    public PortalPaymentStatus Status { get; private set; } = PortalPaymentStatus.Pending;
    public string? CheckoutSessionId { get; private set; }
    public string? PaymentIntentId { get; private set; }
    public PaymentMethod? Method { get; private set; }
    /// <summary>The customer's credit memos used, beside the cash (<see cref="AmountMinor"/>).</summary>
    public long CreditMinor => Lines.Sum(l => l.CreditMinor);
    /// <summary>The AR payment written when the money arrived; none when credits alone settled the invoices.</summary>
    public long? PaymentId { get; private set; }
    /// <summary>The payment plan whose installment this pays, if any.</summary>
    public long? PaymentPlanId { get; set; }
    /// <summary>Test money: the sandbox, a test key, or an event Stripe marked <c>livemode: false</c>.</summary>
    public bool IsTest { get; set; }
    public string? FailureMessage { get; private set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; private set; }
    public long Version { get; set; }
    public List<PortalPaymentLine> Lines { get; set; } = [];

    public Money Amount => new(AmountMinor, Currency.Parse(CurrencyCode));

    /// <summary>The Checkout Session opened for it.</summary>
    public void OpenedCheckout(string sessionId)
    {
        Require(PortalPaymentStatus.Pending, "have a checkout opened");
        if (CheckoutSessionId is not null && CheckoutSessionId != sessionId) throw new DomainRefusal($"Portal payment {Id} already has checkout {CheckoutSessionId}.");
        CheckoutSessionId = sessionId;
    }

    /// <summary>A declined card leaves the checkout open for another try: why is recorded, the payment stays pending.</summary>
    public void Declined(string message, string? paymentIntentId)
    {
        PaymentIntentId ??= paymentIntentId;
        if (Status == PortalPaymentStatus.Pending) FailureMessage = message;
    }

    /// <summary>A bank debit was submitted: the money comes in days.</summary>
    public void StartedProcessing(string? paymentIntentId, PaymentMethod method)
    {
        Require(PortalPaymentStatus.Pending, "start processing");
        Status = PortalPaymentStatus.Processing;
        PaymentIntentId ??= paymentIntentId;
        Method = method;
    }

    /// <summary>The money arrived and was applied as AR payment <paramref name="paymentId"/> (none when credits alone settled it).</summary>
    public void Succeeded(long? paymentId, string? paymentIntentId, PaymentMethod? method, DateTime at, string? note = null)
    {
        if (Status is PortalPaymentStatus.Succeeded or PortalPaymentStatus.Failed) throw Refused("succeed");
        Status = PortalPaymentStatus.Succeeded;
        PaymentId = paymentId;
        PaymentIntentId ??= paymentIntentId;
        Method = method ?? Method;
        FailureMessage = note;
        CompletedAt = at;
    }

    /// <summary>The payment failed for good (a bank debit bounced, Stripe refused the checkout).</summary>
    public void Failed(string message, DateTime at)
    {
        if (Status is not (PortalPaymentStatus.Pending or PortalPaymentStatus.Processing)) throw Refused("fail");
        Status = PortalPaymentStatus.Failed;
        FailureMessage = message;
        CompletedAt = at;
    }

    /// <summary>The customer gave up on the checkout page.</summary>
    public void Cancelled(DateTime at)
    {
        if (Status is not (PortalPaymentStatus.Pending or PortalPaymentStatus.Expired)) throw Refused("be cancelled");
        Status = PortalPaymentStatus.Cancelled;
        CompletedAt = at;
    }

    /// <summary>Stripe expired the unfinished checkout.</summary>
    public void Expired(DateTime at)
    {
        Require(PortalPaymentStatus.Pending, "expire");
        Status = PortalPaymentStatus.Expired;
        CompletedAt = at;
    }

    private void Require(PortalPaymentStatus status, string what)
    {
        if (Status != status) throw Refused(what);
    }

    private DomainRefusal Refused(string what) =>
        new($"Portal payment {Id} is {Status.ToString().ToLowerInvariant()}; it cannot {what}.");
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
