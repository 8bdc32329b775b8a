using PayPortal.Domain.Invoicing;

namespace PayPortal.Domain.Payments;

public enum AllocationKind
{
    /// <summary>Cash from a payment put on an invoice.</summary>
    Payment = 1,
    /// <summary>A credit memo put on an invoice.</summary>
    Credit = 2,
    /// <summary>An early-payment discount taken, recorded beside the payment that earned it.</summary>
    Discount = 3,
}

/// <summary>Money from a payment or credit memo put on an invoice. Undone only by a reversal, never deleted.</summary>
public class Allocation
{
    private Allocation() { }

    internal Allocation(AllocationKind kind, Invoice invoice, Payment? payment, CreditMemo? creditMemo, long amountMinor, DateOnly appliedOn, DateTime recordedAt, string? rule)
    {
        Kind = kind;
        Invoice = invoice;
        InvoiceId = invoice.Id;
        CustomerId = invoice.CustomerId;
        Customer = invoice.Customer;
        Payment = payment;
        PaymentId = payment?.Id;
        CreditMemo = creditMemo;
        CreditMemoId = creditMemo?.Id;
        AmountMinor = amountMinor;
        AppliedOn = appliedOn;
        RecordedAt = recordedAt;
        Rule = rule;
    }

    public long Id { get; private set; }
    public AllocationKind Kind { get; private set; }
    public long CustomerId { get; private set; }
    public Customers.Customer? Customer { get; private set; }
    public long InvoiceId { get; private set; }
    public Invoice? Invoice { get; private set; }
    public long? PaymentId { get; private set; }
    public Payment? Payment { get; private set; }
    public long? CreditMemoId { get; private set; }
    public CreditMemo? CreditMemo { get; private set; }
    public long AmountMinor { get; private set; }
    public DateOnly AppliedOn { get; private set; }
    public DateTime RecordedAt { get; private set; }
    /// <summary>How it was made: "manual", "portal", or the matching rule that applied it.</summary>
    public string? Rule { get; private set; }
    public DateTime? ReversedAt { get; private set; }

    public bool IsReversed => ReversedAt is not null;

    internal void MarkReversed(DateTime at)
    {
        if (IsReversed) throw new DomainRefusal("This allocation is already reversed.");
        ReversedAt = at;
    }
}
