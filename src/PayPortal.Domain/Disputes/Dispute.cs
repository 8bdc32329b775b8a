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
    /// <summary>A card chargeback the customer's bank raised through Stripe.</summary>
    Chargeback = 8,
    Other = 9,
}

public enum DisputeKind
{
    /// <summary>Raised by the customer in the portal (or recorded for them by a specialist).</summary>
    Customer = 1,
    /// <summary>A card dispute from Stripe: an inquiry (no money moved) or a chargeback (the money leaves when Stripe withdraws it).</summary>
    Chargeback = 2,
}

public enum DisputeStatus
{
    Open = 1,
    WaitingOnCustomer = 2,
    Accepted = 3,
    Rejected = 4,
    Withdrawn = 5,
    PartiallyAccepted = 6,
    Rebilled = 7,
    /// <summary>A chargeback the bank decided for us: the funds came back.</summary>
    Won = 8,
    /// <summary>A chargeback the bank decided for the cardholder: the invoice stays owed.</summary>
    Lost = 9,
}

/// <summary>
/// A customer's objection to (part of) an invoice, followed as a conversation until a specialist
/// resolves it. While open, its amount is excluded from dunning and from the overdue figure, and
/// stays in aging marked as disputed. Money moves only through the ledger's postings: accepting
/// issues a credit memo beside this record.
/// </summary>
public class Dispute : IVersioned
{
    public const int MaxMessageLength = 4000;
    private readonly List<DisputeLine> _lines = [];
    private readonly List<DisputeMessage> _messages = [];

    private Dispute() { }

    public long Id { get; private set; }
    public DisputeKind Kind { get; private set; } = DisputeKind.Customer;
    public long CustomerId { get; private set; }
    public Customers.Customer? Customer { get; private set; }
    public long InvoiceId { get; private set; }
    public Invoice? Invoice { get; private set; }
    public DisputeReason Reason { get; private set; }
    public long AmountMinor { get; private set; }
    /// <summary>What the customer first said; the whole conversation is in <see cref="Messages"/>.</summary>
    public string Message { get; private set; } = "";
    public DisputeStatus Status { get; private set; }
    public DateTime OpenedAt { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    /// <summary>The portal contact who raised it; emails about it go to them.</summary>
    public string? RaisedByUserId { get; private set; }
    public string? AssigneeUserId { get; private set; }
    public string? AssigneeName { get; private set; }
    public string? Resolution { get; private set; }
    /// <summary>What accepting it credited (a credit memo applied to the invoice).</summary>
    public long CreditedMinor { get; private set; }
    public long? CreditMemoId { get; private set; }
    public CreditMemo? CreditMemo { get; private set; }
    public string? StripeDisputeId { get; private set; }
    /// <summary>For a chargeback: the last moment Stripe accepts evidence.</summary>
    public DateTime? EvidenceDueBy { get; private set; }
    public long Version { get; set; }
    public IReadOnlyList<DisputeLine> Lines => _lines;
    public IReadOnlyList<DisputeMessage> Messages => _messages;

    public bool IsOpen => Status is DisputeStatus.Open or DisputeStatus.WaitingOnCustomer;
    public Money Amount => new(AmountMinor, Currency.Parse(Invoice?.CurrencyCode ?? Customer?.CurrencyCode ?? "USD"));

    /// <summary>How long it has been open (until now, or until it was resolved).</summary>
    public TimeSpan Age(DateTime now) => (ClosedAt ?? now) - OpenedAt;

    /// <summary>Opens a dispute over part or all of what is still open on an invoice, optionally naming the lines concerned.</summary>
    public static Dispute Open(Invoice invoice, DisputeReason reason, Money amount, string message, DateTime at,
        string? raisedByUserId = null, string? authorName = null, IReadOnlyList<int>? lineNumbers = null, IReadOnlyList<DisputeAttachment>? attachments = null)
    {
        if (!invoice.CanReceiveMoney) throw new DomainRefusal($"Invoice {invoice.Number} has nothing open to dispute.");
        if (!amount.IsPositive) throw new DomainRefusal("The disputed amount must be above zero.");
        if (amount.Currency.Code != invoice.CurrencyCode) throw new DomainRefusal($"The disputed amount is in {invoice.CurrencyCode}.");
        var undisputed = invoice.OpenMinor - invoice.DisputedMinor;
        if (amount.Minor > undisputed)
            throw new DomainRefusal($"The disputed amount cannot be more than the {new Money(undisputed, invoice.Currency)} still open and not already disputed on invoice {invoice.Number}.");
        var text = RequireText(message, "Say what is wrong.");
        var dispute = new Dispute
        {
            Invoice = invoice,
            InvoiceId = invoice.Id,
            CustomerId = invoice.CustomerId,
            Customer = invoice.Customer,
            Reason = reason,
            AmountMinor = amount.Minor,
            Message = text,
            Status = DisputeStatus.Open,
            OpenedAt = at,
            RaisedByUserId = raisedByUserId,
        };
        foreach (var lineNo in (lineNumbers ?? []).Distinct().Order())
        {
            var line = invoice.Lines.SingleOrDefault(l => l.LineNo == lineNo)
                ?? throw new DomainRefusal($"Invoice {invoice.Number} has no line {lineNo}.");
            dispute._lines.Add(new DisputeLine(line));
        }
        invoice.ChangeDisputed(amount.Minor);
        dispute._messages.Add(new DisputeMessage(authorName ?? "Customer", fromCustomer: true, isInternal: false, text, at, attachments));
        return dispute;
    }

    /// <summary>
    /// A card dispute from Stripe; this tracks the case and its evidence deadline. For a chargeback the
    /// money leaves when Stripe withdraws it (recorded as a refund); an inquiry takes no money.
    /// </summary>
    public static Dispute Chargeback(Invoice invoice, Money amount, string stripeDisputeId, string? bankReason, DateTime? evidenceDueBy, DateTime at, bool inquiry = false) => new()
    {
        Kind = DisputeKind.Chargeback,
        Invoice = invoice,
        InvoiceId = invoice.Id,
        CustomerId = invoice.CustomerId,
        Customer = invoice.Customer,
        Reason = DisputeReason.Chargeback,
        AmountMinor = amount.Minor,
        Message = $"Card {(inquiry ? "inquiry" : "dispute")} {stripeDisputeId}: {bankReason ?? "no reason given"}",
        Status = DisputeStatus.Open,
        OpenedAt = at,
        StripeDisputeId = stripeDisputeId,
        EvidenceDueBy = evidenceDueBy,
        _messages = { new DisputeMessage("Stripe", fromCustomer: false, isInternal: true, inquiry
            ? $"The cardholder's bank asked about the payment ({bankReason ?? "no reason given"}). No money has moved; answer before the deadline to avoid a chargeback."
            : $"The cardholder's bank disputed the payment ({bankReason ?? "no reason given"}). The amount is taken back and the invoice reopened when Stripe withdraws the funds.", at) },
    };

    /// <summary>The customer adds to the conversation; a dispute waiting on them is open again.</summary>
    public DisputeMessage AddCustomerMessage(string authorName, string text, DateTime at, IReadOnlyList<DisputeAttachment>? attachments = null)
    {
        RequireOpen();
        if (Kind == DisputeKind.Chargeback) throw new DomainRefusal("A card chargeback is handled with the bank, not in the portal.");
        var message = new DisputeMessage(authorName, fromCustomer: true, isInternal: false, RequireText(text, "Write a message."), at, attachments);
        _messages.Add(message);
        if (Status == DisputeStatus.WaitingOnCustomer) Status = DisputeStatus.Open;
        return message;
    }

    /// <summary>A specialist writes to the customer; asking for more information makes the dispute wait on them.</summary>
    public DisputeMessage Reply(string authorName, string text, DateTime at, bool requestsInformation = false)
    {
        RequireOpen();
        RequireCustomerDispute("answered in the portal");
        var message = new DisputeMessage(authorName, fromCustomer: false, isInternal: false, RequireText(text, "Write a message."), at);
        _messages.Add(message);
        if (requestsInformation) Status = DisputeStatus.WaitingOnCustomer;
        return message;
    }

    /// <summary>A note for colleagues; the customer never sees it.</summary>
    public DisputeMessage AddInternalNote(string authorName, string text, DateTime at)
    {
        var message = new DisputeMessage(authorName, fromCustomer: false, isInternal: true, RequireText(text, "Write the note."), at);
        _messages.Add(message);
        return message;
    }

    public void Assign(string? userId, string? name)
    {
        RequireOpen();
        AssigneeUserId = string.IsNullOrEmpty(userId) ? null : userId;
        AssigneeName = AssigneeUserId is null ? null : name;
    }

    public void Withdraw(DateTime at)
    {
        if (Kind == DisputeKind.Chargeback) throw new DomainRefusal("A card chargeback cannot be withdrawn in the portal.");
        Close(DisputeStatus.Withdrawn, "Withdrawn by the customer.", at);
    }

    public void Reject(string reason, DateTime at)
    {
        RequireCustomerDispute("rejected here");
        Close(DisputeStatus.Rejected, RequireText(reason, "Say why the dispute is rejected."), at);
    }

    /// <summary>
    /// Accepts the dispute in full or in part: <paramref name="credited"/> (at most the disputed amount)
    /// is credited by the memo the caller issues and applies to the invoice as far as it is still open.
    /// </summary>
    public void Accept(Money credited, CreditMemo memo, string? note, DateTime at)
    {
        RequireOpen();
        RequireCustomerDispute("accepted here");
        if (!credited.IsPositive) throw new DomainRefusal("The amount to credit must be above zero.");
        if (credited.Minor > AmountMinor) throw new DomainRefusal($"At most the disputed {Amount} can be credited.");
        CreditedMinor = credited.Minor;
        CreditMemo = memo;
        CreditMemoId = memo.Id;
        var full = credited.Minor == AmountMinor;
        Close(full ? DisputeStatus.Accepted : DisputeStatus.PartiallyAccepted,
            (full ? $"Accepted: {credited} credited" : $"Accepted in part: {credited} of {Amount} credited") + (string.IsNullOrWhiteSpace(note) ? "." : $". {note.Trim()}"), at);
    }

    /// <summary>The invoice was wrong: it is credited in full (by the caller) and billed again correctly.</summary>
    public void Rebill(CreditMemo memo, string note, DateTime at)
    {
        RequireOpen();
        RequireCustomerDispute("re-billed here");
        CreditedMinor = memo.AmountMinor;
        CreditMemo = memo;
        CreditMemoId = memo.Id;
        Close(DisputeStatus.Rebilled, RequireText(note, "Say what the corrected invoice changes."), at);
    }

    /// <summary>The bank's decision on a chargeback.</summary>
    public void DecideChargeback(bool won, DateTime at, string? resolution = null)
    {
        if (Kind != DisputeKind.Chargeback) throw new DomainRefusal("Only a chargeback is decided by the bank.");
        Close(won ? DisputeStatus.Won : DisputeStatus.Lost, resolution ?? (won ? "The bank decided for us; the funds were returned." : "The bank decided for the cardholder."), at);
    }

    /// <summary>Ends the dispute; what the invoice still owes returns to collections.</summary>
    private void Close(DisputeStatus outcome, string? resolution, DateTime at)
    {
        RequireOpen();
        if (outcome is DisputeStatus.Open or DisputeStatus.WaitingOnCustomer) throw new ArgumentOutOfRangeException(nameof(outcome));
        var invoice = Invoice ?? throw new InvalidOperationException("Load the invoice with the dispute.");
        if (Kind == DisputeKind.Customer) invoice.ChangeDisputed(-Math.Min(AmountMinor, invoice.DisputedMinor));
        Status = outcome;
        Resolution = resolution;
        ClosedAt = at;
    }

    private void RequireCustomerDispute(string what)
    {
        if (Kind == DisputeKind.Chargeback) throw new DomainRefusal($"A card chargeback is decided by the bank, not {what}.");
    }

    private void RequireOpen()
    {
        if (!IsOpen) throw new DomainRefusal($"The dispute is closed ({Status}).");
    }

    private static string RequireText(string? text, string problem)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainRefusal(problem);
        var trimmed = text.Trim();
        if (trimmed.Length > MaxMessageLength) throw new DomainRefusal($"A message is at most {MaxMessageLength} characters.");
        return trimmed;
    }
}
