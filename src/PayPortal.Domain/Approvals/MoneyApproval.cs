namespace PayPortal.Domain.Approvals;

/// <summary>What a proposal would do once approved.</summary>
public enum MoneyApprovalKind
{
    Void = 1,
    FullCredit = 2,
    DisputeAcceptance = 3,
    DisputeRebill = 4,
}

public enum MoneyApprovalStatus
{
    Proposed = 1,
    Approved = 2,
    Rejected = 3,
}

/// <summary>
/// Four eyes on money leaving the books: a void of an owed invoice, a full credit or a dispute acceptance
/// above the threshold is proposed by one person and carried out only when a manager who is not the
/// proposer approves. The amount is what the action would take off the books when it was proposed; an
/// approval that would now take a different amount is refused.
/// </summary>
public class MoneyApproval : IVersioned
{
    private MoneyApproval() { }

    public static MoneyApproval Propose(MoneyApprovalKind kind, long invoiceId, long customerId, long? disputeId, Money amount, string? reason, string by, DateTime at)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind));
        if (!amount.IsPositive) throw new DomainRefusal("Only an amount above zero needs an approval.");
        if ((kind is MoneyApprovalKind.DisputeAcceptance or MoneyApprovalKind.DisputeRebill) != disputeId.HasValue)
            throw new ArgumentException("A dispute's proposal names its dispute, and only a dispute's does.", nameof(disputeId));
        return new MoneyApproval
        {
            Kind = kind, InvoiceId = invoiceId, CustomerId = customerId, DisputeId = disputeId, AmountMinor = amount.Minor, CurrencyCode = amount.Currency.Code,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), ProposedBy = by, ProposedAt = at, Status = MoneyApprovalStatus.Proposed,
        };
    }

    public long Id { get; private set; }
    public MoneyApprovalKind Kind { get; private set; }
    public long InvoiceId { get; private set; }
    public Invoicing.Invoice? Invoice { get; private set; }
    public long CustomerId { get; private set; }
    public long? DisputeId { get; private set; }
    public long AmountMinor { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    /// <summary>The void's or credit's reason, or the note to the customer with a dispute's decision.</summary>
    public string? Reason { get; private set; }
    public string ProposedBy { get; private set; } = "";
    public DateTime ProposedAt { get; private set; }
    public MoneyApprovalStatus Status { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }
    public long Version { get; set; }

    public Money Amount => new(AmountMinor, Currency.Parse(CurrencyCode));
    public bool IsPending => Status == MoneyApprovalStatus.Proposed;

    /// <summary>In words, for pages and messages: "void", "full credit", "dispute acceptance", "credit and re-bill".</summary>
    public static string Describe(MoneyApprovalKind kind) => kind switch
    {
        MoneyApprovalKind.Void => "void",
        MoneyApprovalKind.FullCredit => "full credit",
        MoneyApprovalKind.DisputeAcceptance => "dispute acceptance",
        MoneyApprovalKind.DisputeRebill => "credit and re-bill",
        _ => kind.ToString(),
    };

    /// <summary>Marks it approved; the caller carries out the action in the same unit of work, or nothing is saved.</summary>
    public void Approve(string by, DateTime at)
    {
        CheckApprover(by);
        Decide(MoneyApprovalStatus.Approved, by, at, null);
    }

    /// <summary>Refuses unless it is still waiting and <paramref name="by"/> is not who proposed it.</summary>
    public void CheckApprover(string by)
    {
        RequirePending();
        if (string.Equals(by, ProposedBy, StringComparison.OrdinalIgnoreCase)) throw new DomainRefusal("A proposal is approved by a manager other than who proposed it.");
    }

    public void Reject(string by, string reason, DateTime at)
    {
        RequirePending();
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500) throw new DomainRefusal("Say why the proposal is rejected (at most 500 characters).");
        Decide(MoneyApprovalStatus.Rejected, by, at, reason.Trim());
    }

    private void RequirePending()
    {
        if (!IsPending) throw new DomainRefusal($"This proposal was already {Status.ToString().ToLowerInvariant()}.");
    }

    private void Decide(MoneyApprovalStatus status, string by, DateTime at, string? note)
    {
        Status = status;
        DecidedBy = by;
        DecidedAt = at;
        DecisionNote = note;
    }
}
