namespace PayPortal.Domain.Invoicing;

/// <summary>What a credit memo credits: a quantity of one invoice line and its amount (tax included).</summary>
public class CreditMemoLine
{
    private CreditMemoLine() { }

    internal CreditMemoLine(InvoiceLine invoiceLine, decimal quantity, long amountMinor)
    {
        InvoiceLineId = invoiceLine.Id;
        InvoiceLine = invoiceLine;
        Description = invoiceLine.Description;
        Quantity = quantity;
        AmountMinor = amountMinor;
    }

    public long Id { get; private set; }
    public long CreditMemoId { get; private set; }
    public long InvoiceLineId { get; private set; }
    public InvoiceLine? InvoiceLine { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public long AmountMinor { get; private set; }
}
