namespace PayPortal.Domain.Payments;

/// <summary>Unapplied cash paid back to the customer.</summary>
public class Refund
{
    private Refund() { }

    internal Refund(Payment payment, long amountMinor, DateOnly refundedOn, string reason, string? externalReference)
    {
        Payment = payment;
        PaymentId = payment.Id;
        CustomerId = payment.CustomerId;
        Customer = payment.Customer;
        AmountMinor = amountMinor;
        RefundedOn = refundedOn;
        Reason = reason;
        ExternalReference = externalReference;
    }

    public long Id { get; private set; }
    public long PaymentId { get; private set; }
    public Payment? Payment { get; private set; }
    public long CustomerId { get; private set; }
    public Customers.Customer? Customer { get; private set; }
    public long AmountMinor { get; private set; }
    public DateOnly RefundedOn { get; private set; }
    public string Reason { get; private set; } = "";
    /// <summary>The processor's id for the refund (e.g. a Stripe re_...), when there is one.</summary>
    public string? ExternalReference { get; private set; }
}
