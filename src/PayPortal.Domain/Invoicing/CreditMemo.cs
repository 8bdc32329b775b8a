using PayPortal.Domain.Customers;

namespace PayPortal.Domain.Invoicing;

/// <summary>A credit owed to the customer, applied to invoices until nothing is left of it.</summary>
public class CreditMemo : IVersioned
{
    private readonly List<CreditMemoLine> _lines = [];

    private CreditMemo() { }

    public CreditMemo(Customer customer, string number, DateOnly issueDate, Money amount, string reason, Invoice? forInvoice = null)
    {
        if (amount.Currency.Code != customer.CurrencyCode) throw new DomainRefusal("A credit memo is in the customer's currency.");
        if (!amount.IsPositive) throw new DomainRefusal("A credit memo amount must be positive.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("A credit memo needs a reason.");
        Customer = customer;
        CustomerId = customer.Id;
        Number = number;
        IssueDate = issueDate;
        CurrencyCode = amount.Currency.Code;
        AmountMinor = amount.Minor;
        Reason = reason.Trim();
        Invoice = forInvoice;
        InvoiceId = forInvoice?.Id;
    }

    public long Id { get; private set; }
    public string Number { get; private set; } = "";
    public long CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    /// <summary>The invoice this credit was issued against, if any.</summary>
    public long? InvoiceId { get; private set; }
    public Invoice? Invoice { get; private set; }
    public DateOnly IssueDate { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public long AmountMinor { get; private set; }
    /// <summary>Not yet applied to any invoice; always equals the ledger's customer-credit balance for this memo.</summary>
    public long UnappliedMinor { get; private set; }
    public string Reason { get; private set; } = "";
    public bool IsIssued { get; private set; }
    public long Version { get; set; }
    /// <summary>The invoice lines credited; empty for a credit given as one amount.</summary>
    public IReadOnlyList<CreditMemoLine> Lines => _lines;

    public Money Amount => new(AmountMinor, Currency.Parse(CurrencyCode));
    public Money Unapplied => new(UnappliedMinor, Currency.Parse(CurrencyCode));

    internal void AddLines(IEnumerable<CreditMemoLine> lines) => _lines.AddRange(lines);

    internal void MarkIssued()
    {
        if (IsIssued) throw new DomainRefusal($"Credit memo {Number} is already issued.");
        IsIssued = true;
        UnappliedMinor = AmountMinor;
    }

    internal void ChangeUnapplied(long deltaMinor)
    {
        var unapplied = checked(UnappliedMinor + deltaMinor);
        if (unapplied < 0 || unapplied > AmountMinor) throw new InvalidOperationException($"Credit memo {Number} has only {Unapplied} left to apply.");
        UnappliedMinor = unapplied;
    }
}
