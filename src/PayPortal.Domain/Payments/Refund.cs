namespace PayPortal.Domain.Payments;

/// <summary>Unapplied cash paid back to the customer.</summary>
public class Refund
{
    private Refund() { }

    internal Refund(Payment payment, long amountMinor, DateOnly refundedOn, string reason, string? externalReference, string? disputeId = null)
    {
        Payment = payment;
        PaymentId = payment.Id;
        CustomerId = payment.CustomerId;
        Customer = payment.Customer;
        AmountMinor = amountMinor;
        RefundedOn = refundedOn;
        Reason = reason;
        ExternalReference = externalReference;
        DisputeId = disputeId;
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
    /// <summary>Money a card dispute took (a chargeback's withdrawal), not a refund anyone asked for: the processor's dispute id.</summary>
    public string? DisputeId { get; private set; }
    /// <summary>The processor could not pay it out after all (a failed or canceled refund): the money stayed with us.</summary>
    public DateTime? FailedAt { get; private set; }

    internal void MarkFailed(DateTime at)
    {
        if (FailedAt is not null) throw new DomainRefusal("The refund is already recorded as failed.");
        FailedAt = at;
    }
}
