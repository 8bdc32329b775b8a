namespace PayPortal.Domain.Invoicing;

/// <summary>An open amount declared uncollectable and moved to bad debt.</summary>
public class WriteOff
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
}
