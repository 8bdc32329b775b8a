using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;
using PayPortal.Domain.Payments;

namespace PayPortal.Domain.Ledger;

/// <summary>One line of a journal. Append-only: never updated or deleted, corrected by a reversing journal.</summary>
public class LedgerEntry
{
    private LedgerEntry() { }

    internal LedgerEntry(LedgerAccount account, long amountMinor, string currencyCode, Invoice? invoice = null, Payment? payment = null, CreditMemo? creditMemo = null)
    {
        // Every entry belongs to an invoice, payment or credit memo, and through it to a customer.
        Customer = invoice?.Customer ?? payment?.Customer ?? creditMemo?.Customer;
        CustomerId = invoice?.CustomerId ?? payment?.CustomerId ?? creditMemo?.CustomerId
            ?? throw new ArgumentException("A ledger entry names its invoice, payment or credit memo.");
        Account = account;
        AmountMinor = amountMinor;
        CurrencyCode = currencyCode;
        Invoice = invoice;
        InvoiceId = invoice?.Id;
        Payment = payment;
        PaymentId = payment?.Id;
        CreditMemo = creditMemo;
        CreditMemoId = creditMemo?.Id;
    }

    public long Id { get; private set; }
    public long JournalId { get; private set; }
    public long CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    public LedgerAccount Account { get; private set; }
    /// <summary>Signed minor units: debit positive, credit negative.</summary>
    public long AmountMinor { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public DateOnly OccurredOn { get; internal set; }
    public long? InvoiceId { get; private set; }
    public Invoice? Invoice { get; private set; }
    public long? PaymentId { get; private set; }
    public Payment? Payment { get; private set; }
    public long? CreditMemoId { get; private set; }
    public CreditMemo? CreditMemo { get; private set; }
}
