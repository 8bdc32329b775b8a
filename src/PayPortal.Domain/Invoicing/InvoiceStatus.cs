namespace PayPortal.Domain.Invoicing;

public enum InvoiceStatus
{
    Draft = 0,
    Open = 1,
    PartiallyPaid = 2,
    Paid = 3,
    Disputed = 4,
    Void = 5,
    WrittenOff = 6,
}
