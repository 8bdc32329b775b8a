namespace PayPortal.Domain.Invoicing;

/// <summary>An open amount declared uncollectable and moved to bad debt.</summary>
public class WriteOff : IVersioned
{
    private WriteOff() { }

    internal WriteOff(Invoice invoice, long amountMinor, DateOnly writtenOffOn, string reason)
    {
        Invoice = invoice;
        InvoiceId = invoice.Id;
        CustomerId = invoice.CustomerId;
        Customer = invoice.Customer;
        AmountMinor = amountMinor;
        WrittenOffOn = writtenOffOn;
        Reason = reason;
    }

    public long Id { get; private set; }
    public long InvoiceId { get; private set; }
    public Invoice? Invoice { get; private set; }
    public long CustomerId { get; private set; }
    public Customers.Customer? Customer { get; private set; }
    public long AmountMinor { get; private set; }
    public DateOnly WrittenOffOn { get; private set; }
    public string Reason { get; private set; } = "";
    /// <summary>What was recovered later (a payment that came in after all): reinstated on the invoice and applied.</summary>
    public long RecoveredMinor { get; private set; }
    public long Version { get; set; }

    public long RecoverableMinor => AmountMinor - RecoveredMinor;

    internal void Recover(long amountMinor)
    {
        if (amountMinor <= 0 || amountMinor > RecoverableMinor) throw new DomainRefusal($"At most {RecoverableMinor} of this write-off can be recovered.");
        RecoveredMinor += amountMinor;
    }
}
