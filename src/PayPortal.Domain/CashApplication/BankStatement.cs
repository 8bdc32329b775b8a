namespace PayPortal.Domain.CashApplication;

/// <summary>An imported bank file (one or more statements of one account); imported once, never changed.</summary>
public class BankStatement
{
    private readonly List<BankStatementLine> _lines = [];

    private BankStatement() { }

    public BankStatement(string format, string statementId, string? accountId, string fileName, string fileSha256, DateTime importedAt, string importedBy)
    {
        Format = format;
        StatementId = statementId.Length > 200 ? statementId[..200] : statementId;
        AccountId = accountId;
        FileName = fileName;
        FileSha256 = fileSha256;
        ImportedAt = importedAt;
        ImportedBy = importedBy;
    }

    public long Id { get; private set; }
    public string Format { get; private set; } = "";
    public string StatementId { get; private set; } = "";
    public string? AccountId { get; private set; }
    public string FileName { get; private set; } = "";
    /// <summary>The file's SHA-256: the same file imported twice is recognised and changes nothing.</summary>
    public string FileSha256 { get; private set; } = "";
    public DateTime ImportedAt { get; private set; }
    public string ImportedBy { get; private set; } = "";
    public IReadOnlyList<BankStatementLine> Lines => _lines;
}

public enum BankLineStatus
{
    /// <summary>Money out: kept, not matched.</summary>
    Debit = 1,
    /// <summary>Money in from someone who is not a customer (interest, a refund from a supplier): kept, not matched.</summary>
    NonCustomer = 2,
    /// <summary>Applied by a matching rule above the auto-apply confidence.</summary>
    AutoApplied = 3,
    /// <summary>Waiting for a specialist, with the engine's ranked suggestions.</summary>
    Exception = 4,
    /// <summary>Applied by a specialist.</summary>
    Applied = 5,
    /// <summary>A Stripe payout: it settles card payments already applied in the portal.</summary>
    StripePayout = 6,
    /// <summary>Just imported, being matched: not yet in anyone's queue, so nobody applies it twice.</summary>
    Matching = 7,
    /// <summary>The same movement (account, bank reference, date, amount, direction) came in an earlier file: kept, never applied twice.</summary>
    AlreadyImported = 8,
}

/// <summary>One movement on an imported statement and what became of it.</summary>
public class BankStatementLine : IVersioned
{
    private BankStatementLine() { }

    public BankStatementLine(int lineNo, string bankReference, DateOnly bookingDate, DateOnly? valueDate, Money amount, bool isCredit,
        string? payerName, string? payerAccount, string remittanceText, IReadOnlyList<string> references, string? bankTransactionCode)
    {
        LineNo = lineNo;
        BankReference = bankReference;
        BookingDate = bookingDate;
        ValueDate = valueDate;
        AmountMinor = amount.Minor;
        CurrencyCode = amount.Currency.Code;
        IsCredit = isCredit;
        PayerName = payerName;
        PayerAccount = payerAccount;
        RemittanceText = remittanceText.Length > 2000 ? remittanceText[..2000] : remittanceText;
        References = string.Join(" | ", references);
        BankTransactionCode = bankTransactionCode;
        Status = isCredit ? BankLineStatus.Matching : BankLineStatus.Debit;
    }

    public long Id { get; private set; }
    public long BankStatementId { get; private set; }
    public BankStatement? Statement { get; private set; }
    public int LineNo { get; private set; }
    public string BankReference { get; private set; } = "";
    public DateOnly BookingDate { get; private set; }
    public DateOnly? ValueDate { get; private set; }
    public long AmountMinor { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public bool IsCredit { get; private set; }
    public string? PayerName { get; private set; }
    public string? PayerAccount { get; private set; }
    public string RemittanceText { get; private set; } = "";
    public string References { get; private set; } = "";
    public string? BankTransactionCode { get; private set; }
    public BankLineStatus Status { get; private set; }
    /// <summary>The payment this line became, once applied (to invoices, to account, or both).</summary>
    public long? PaymentId { get; private set; }
    public Payments.Payment? Payment { get; private set; }
    public long? CustomerId { get; private set; }
    /// <summary>The rule that applied it ("manual" for a specialist), and how sure it was.</summary>
    public string? Rule { get; private set; }
    public double? Confidence { get; private set; }
    public ShortPayReason ShortPay { get; private set; }
    /// <summary>The engine's ranked suggestions while it waits for a specialist (JSON).</summary>
    public string? Suggestions { get; set; }
    public string? ResolvedBy { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public long Version { get; set; }

    public Money Amount => new(AmountMinor, Currency.Parse(CurrencyCode));
    /// <summary>The line as the engine reads it, dated as its payment will be: the booking date.</summary>
    public BankCredit AsCredit() => new(BankReference, BookingDate, Amount, PayerName, PayerAccount, RemittanceText,
        References.Split(" | ", StringSplitOptions.RemoveEmptyEntries));

    public void MarkApplied(Payments.Payment payment, string rule, double? confidence, ShortPayReason shortPay, bool automatic, string by, DateTime at)
    {
        if (!IsCredit) throw new DomainRefusal("A debit is not applied to invoices.");
        if (Status is not (BankLineStatus.Matching or BankLineStatus.Exception)) throw new DomainRefusal($"Bank line {BankReference} is already {Status}.");
        Payment = payment;
        PaymentId = payment.Id;
        CustomerId = payment.CustomerId;
        Rule = rule;
        Confidence = confidence;
        ShortPay = shortPay;
        Status = automatic ? BankLineStatus.AutoApplied : BankLineStatus.Applied;
        Suggestions = null;
        ResolvedBy = by;
        ResolvedAt = at;
    }

    public void MarkNonCustomer(string by, DateTime at)
    {
        if (Status != BankLineStatus.Exception) throw new DomainRefusal($"Bank line {BankReference} is not waiting for a specialist ({Status}).");
        Status = BankLineStatus.NonCustomer;
        Suggestions = null;
        ResolvedBy = by;
        ResolvedAt = at;
    }

    public void MarkStripePayout() => Status = BankLineStatus.StripePayout;

    /// <summary>An earlier file already brought this movement.</summary>
    public void MarkAlreadyImported() => Status = BankLineStatus.AlreadyImported;

    /// <summary>The engine was not sure enough: the line waits for a specialist with its ranked suggestions.</summary>
    public void WaitForSpecialist(string suggestions)
    {
        if (Status != BankLineStatus.Matching) throw new DomainRefusal($"Bank line {BankReference} is not being matched.");
        Status = BankLineStatus.Exception;
        Suggestions = suggestions;
    }

    /// <summary>What a Stripe payout line was found to settle (payments, or a note why none could be matched).</summary>
    public void RecordPayout(int paymentsSettled, string explanation)
    {
        if (Status != BankLineStatus.StripePayout) throw new DomainRefusal($"Bank line {BankReference} is not a Stripe payout.");
        Rule = paymentsSettled > 0 ? "stripe-payout" : "stripe-payout-unmatched";
        Confidence = paymentsSettled > 0 ? 1 : null;
        Suggestions = null;
        ResolvedBy = "matching";
        PayoutNote = explanation.Length > 500 ? explanation[..500] : explanation;
    }

    /// <summary>For a Stripe payout: which payments it settled, or why none matched.</summary>
    public string? PayoutNote { get; private set; }

    /// <summary>A manager reversed what it was applied to: it is back in the exceptions queue, its money unapplied on the payment.</summary>
    public void ReturnToExceptions()
    {
        Status = BankLineStatus.Exception;
        Rule = null;
        Confidence = null;
        ResolvedBy = null;
        ResolvedAt = null;
    }
}

/// <summary>A payer name or bank account learned from a specialist's application: next time it identifies the customer.</summary>
public class PayerAlias
{
    private PayerAlias() { }

    public PayerAlias(long customerId, string? nameKey, string? accountKey, DateTime at, string learnedFrom)
    {
        CustomerId = customerId;
        NameKey = string.IsNullOrWhiteSpace(nameKey) ? null : nameKey;
        AccountKey = string.IsNullOrWhiteSpace(accountKey) ? null : accountKey;
        CreatedAt = at;
        LearnedFrom = learnedFrom;
    }

    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    public string? NameKey { get; private set; }
    public string? AccountKey { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string LearnedFrom { get; private set; } = "";
}
