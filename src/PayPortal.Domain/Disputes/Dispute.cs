using PayPortal.Domain.Invoicing;

namespace PayPortal.Domain.Disputes;

public enum DisputeReason
{
    Pricing = 1,
    Quantity = 2,
    DamagedGoods = 3,
    NotReceived = 4,
    DuplicateBilling = 5,
    Tax = 6,
    Other = 9,
}

public enum DisputeStatus
{
    Open = 1,
    WaitingOnCustomer = 2,
    Accepted = 3,
    Rejected = 4,
    Withdrawn = 5,
}

/// <summary>A customer's objection to (part of) an invoice. While open, its amount is excluded from collections.</summary>
public class Dispute : IVersioned
{
    private Dispute() { }

    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    public Customers.Customer? Customer { get; private set; }
    public long InvoiceId { get; private set; }
    public Invoice? Invoice { get; private set; }
    public DisputeReason Reason { get; private set; }
    public long AmountMinor { get; private set; }
    public string Message { get; private set; } = "";
    public DisputeStatus Status { get; private set; }
    public DateTime OpenedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public long Version { get; set; }

    public bool IsOpen => Status is DisputeStatus.Open or DisputeStatus.WaitingOnCustomer;

    /// <summary>Opens a dispute over part or all of what is still open on an invoice.</summary>
    public static Dispute Open(Invoice invoice, DisputeReason reason, Money amount, string message, DateTime at)
    {
        if (!invoice.CanReceiveMoney) throw new InvalidOperationException($"Invoice {invoice.Number} has nothing open to dispute.");
        if (!amount.IsPositive) throw new ArgumentOutOfRangeException(nameof(amount), "The disputed amount must be positive.");
        if (amount.Minor > invoice.OpenMinor - invoice.DisputedMinor)
            throw new InvalidOperationException($"The disputed amount cannot exceed the undisputed open amount of {new Money(invoice.OpenMinor - invoice.DisputedMinor, invoice.Currency)}.");
        if (string.IsNullOrWhiteSpace(message)) throw new ArgumentException("Say what is wrong.", nameof(message));
        invoice.ChangeDisputed(amount.Minor);
        return new Dispute
        {
            Invoice = invoice,
            InvoiceId = invoice.Id,
            CustomerId = invoice.CustomerId,
            Customer = invoice.Customer,
            Reason = reason,
            AmountMinor = amount.Minor,
            Message = message.Trim(),
            Status = DisputeStatus.Open,
            OpenedAt = at,
        };
    }

    /// <summary>Ends the dispute; the invoice's amount returns to collections (a credit memo, if any, is posted separately).</summary>
    public void Close(DisputeStatus outcome, DateTime at)
    {
        if (!IsOpen) throw new InvalidOperationException("The dispute is already closed.");
        if (outcome is DisputeStatus.Open or DisputeStatus.WaitingOnCustomer) throw new ArgumentOutOfRangeException(nameof(outcome));
        var invoice = Invoice ?? throw new InvalidOperationException("Load the invoice with the dispute.");
        invoice.ChangeDisputed(-Math.Min(AmountMinor, invoice.DisputedMinor));
        Status = outcome;
        ClosedAt = at;
    }
}
