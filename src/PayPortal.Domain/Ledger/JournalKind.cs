namespace PayPortal.Domain.Ledger;

public enum JournalKind
{
    InvoicePosted = 1,
    InvoiceVoided = 2,
    PaymentReceived = 3,
    PaymentAllocated = 4,
    CreditMemoIssued = 5,
    CreditApplied = 6,
    DiscountAllowed = 7,
    WrittenOff = 8,
    Refunded = 9,
    AllocationReversed = 10,
    WriteOffRecovered = 11,
    RefundFailed = 12,
}
