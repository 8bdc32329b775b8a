using PayPortal.Domain.Customers;

namespace PayPortal.Domain.Invoicing;

/// <summary>
/// An invoice. Drafts can change; once posted it is numbered and immutable, and only ledger
/// postings (allocations, credits, write-offs, a void) change what is still open on it.
/// </summary>
public class Invoice : IVersioned
{
    private readonly List<InvoiceLine> _lines = [];

    private Invoice() { }

    public Invoice(Customer customer, DateOnly issueDate, DateOnly? dueDate = null, string? poNumber = null, string? projectCode = null)
    {
        Customer = customer;
        CustomerId = customer.Id;
        CurrencyCode = customer.CurrencyCode;
        IssueDate = issueDate;
        var terms = customer.Terms;
        DueDate = dueDate ?? terms.DueDate(issueDate);
        if (DueDate < issueDate) throw new DomainRefusal("The due date cannot be before the issue date.");
        DiscountPercent = terms.DiscountPercent;
        DiscountDeadline = terms.DiscountDeadline(issueDate);
        PoNumber = string.IsNullOrWhiteSpace(poNumber) ? null : poNumber.Trim();
        ProjectCode = string.IsNullOrWhiteSpace(projectCode) ? null : projectCode.Trim();
        Status = InvoiceStatus.Draft;
    }

    public long Id { get; private set; }
    /// <summary>Assigned when posted; drafts have none.</summary>
    public string? Number { get; private set; }
    public long CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public DateOnly IssueDate { get; private set; }
    public DateOnly DueDate { get; private set; }
    public string? PoNumber { get; private set; }
    public string? ProjectCode { get; private set; }
    public InvoiceStatus Status { get; private set; }
    public long TotalMinor { get; private set; }
    /// <summary>What is still owed; always equals the sum of this invoice's receivable ledger entries.</summary>
    public long OpenMinor { get; private set; }
    /// <summary>The part of the open amount under an open dispute.</summary>
    public long DisputedMinor { get; private set; }
    /// <summary>Early-payment discount percent copied from the terms when the invoice was made.</summary>
    public decimal DiscountPercent { get; private set; }
    public DateOnly? DiscountDeadline { get; private set; }
    public bool AllowPartialPayment { get; set; } = true;
    public DateTime? PostedAt { get; private set; }
    public DateTime? VoidedAt { get; private set; }
    /// <summary>When the invoice was first emailed to the customer; null while it has never been sent.</summary>
    public DateTime? SentAt { get; private set; }
    public string? VoidReason { get; private set; }
    public long Version { get; set; }
    public IReadOnlyList<InvoiceLine> Lines => _lines;

    public Currency Currency => Currency.Parse(CurrencyCode);
    public Money Total => new(TotalMinor, Currency);
    public Money Open => new(OpenMinor, Currency);
    public bool IsPosted => Status is not InvoiceStatus.Draft;
    public bool CanReceiveMoney => Status is InvoiceStatus.Open or InvoiceStatus.PartiallyPaid or InvoiceStatus.Disputed && OpenMinor > 0;

    public int DaysPastDue(DateOnly asOf) => Math.Max(0, asOf.DayNumber - DueDate.DayNumber);

    public InvoiceLine AddLine(string description, decimal quantity, long unitPriceMinor, decimal discountPercent = 0, decimal taxRatePercent = 0)
    {
        RequireDraft();
        var line = new InvoiceLine(_lines.Count + 1, description, quantity, unitPriceMinor, discountPercent, taxRatePercent);
        _lines.Add(line);
        TotalMinor = checked(TotalMinor + line.TotalMinor);
        return line;
    }

    /// <summary>Changes a draft's header: dates and early-payment discount follow from <paramref name="terms"/>.</summary>
    public void ReviseDraft(DateOnly issueDate, PaymentTerms terms, string? poNumber, string? projectCode, bool allowPartialPayment)
    {
        RequireDraft();
        IssueDate = issueDate;
        DueDate = terms.DueDate(issueDate);
        DiscountPercent = terms.DiscountPercent;
        DiscountDeadline = terms.DiscountDeadline(issueDate);
        PoNumber = string.IsNullOrWhiteSpace(poNumber) ? null : poNumber.Trim();
        ProjectCode = string.IsNullOrWhiteSpace(projectCode) ? null : projectCode.Trim();
        AllowPartialPayment = allowPartialPayment;
    }

    /// <summary>The terms a draft was made with, read back from its dates (net days, discount and its days).</summary>
    public PaymentTerms Terms => new(DueDate.DayNumber - IssueDate.DayNumber, DiscountPercent,
        DiscountDeadline is { } d ? d.DayNumber - IssueDate.DayNumber : 0);

    /// <summary>Replaces all of a draft's lines, numbered 1..n in the order given.</summary>
    public void ReplaceLines(IEnumerable<InvoiceLineDraft> lines)
    {
        RequireDraft();
        var made = lines.Select((l, i) => new InvoiceLine(i + 1, l.Description, l.Quantity, l.UnitPriceMinor, l.DiscountPercent, l.TaxRatePercent)).ToList();
        _lines.Clear();
        _lines.AddRange(made);
        TotalMinor = made.Sum(l => l.TotalMinor);
    }

    public void MarkSent(DateTime at)
    {
        if (!IsPosted) throw new DomainRefusal("A draft cannot be sent; post it first.");
        if (Status == InvoiceStatus.Void) throw new DomainRefusal($"Invoice {Number} is void and is not sent.");
        SentAt ??= at;
    }

    private void RequireDraft()
    {
        if (IsPosted) throw new DomainRefusal($"Invoice {Number} is posted and cannot change; issue a credit memo or void it.");
    }

    /// <summary>The early-payment discount still available on the open amount when paying on <paramref name="payDate"/>.</summary>
    public Money EarlyPaymentDiscountOn(DateOnly payDate) =>
        DiscountDeadline is { } deadline && payDate <= deadline && OpenMinor == TotalMinor && CanReceiveMoney
            ? Open.Percent(DiscountPercent)
            : Money.Zero(Currency);

    // Only the posting rules in PayPortal.Domain.Ledger move money on an invoice.
    internal void MarkPosted(string number, DateTime postedAt)
    {
        if (IsPosted) throw new DomainRefusal($"Invoice {Number} is already posted.");
        if (string.IsNullOrWhiteSpace(number)) throw new DomainRefusal("A posted invoice needs a number.");
        if (_lines.Count == 0 || TotalMinor <= 0) throw new DomainRefusal("An invoice needs at least one line and a positive total to be posted.");
        Number = number.Trim();
        PostedAt = postedAt;
        OpenMinor = TotalMinor;
        Status = InvoiceStatus.Open;
    }

    internal void ChangeOpen(long deltaMinor)
    {
        var open = checked(OpenMinor + deltaMinor);
        if (open < 0) throw new InvalidOperationException($"Invoice {Number} would be overpaid.");
        if (open > TotalMinor) throw new InvalidOperationException($"Invoice {Number} would owe more than its total.");
        OpenMinor = open;
        DisputedMinor = Math.Min(DisputedMinor, OpenMinor);
        RefreshStatus();
    }

    internal void MarkVoid(string reason, DateTime at)
    {
        VoidReason = reason;
        VoidedAt = at;
        OpenMinor = 0;
        DisputedMinor = 0;
        Status = InvoiceStatus.Void;
    }

    internal void MarkWrittenOff() => Status = OpenMinor == 0 ? InvoiceStatus.WrittenOff : Status;

    /// <summary>Puts a written-off amount back on the invoice so that a late payment can be applied to it.</summary>
    internal void Reinstate(long amountMinor)
    {
        if (Status == InvoiceStatus.WrittenOff) Status = InvoiceStatus.PartiallyPaid;
        ChangeOpen(amountMinor);
    }

    internal void ChangeDisputed(long deltaMinor)
    {
        var disputed = checked(DisputedMinor + deltaMinor);
        if (disputed < 0 || disputed > OpenMinor)
            throw new InvalidOperationException($"The disputed amount on invoice {Number} must stay between zero and the open amount.");
        DisputedMinor = disputed;
        RefreshStatus();
    }

    private void RefreshStatus()
    {
        if (Status is InvoiceStatus.Draft or InvoiceStatus.Void) return;
        Status = OpenMinor == 0 ? (Status == InvoiceStatus.WrittenOff ? InvoiceStatus.WrittenOff : InvoiceStatus.Paid)
            : DisputedMinor > 0 ? InvoiceStatus.Disputed
            : OpenMinor < TotalMinor ? InvoiceStatus.PartiallyPaid
            : InvoiceStatus.Open;
    }
}
