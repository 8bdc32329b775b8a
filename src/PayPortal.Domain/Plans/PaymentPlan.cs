using PayPortal.Domain.Customers;
using PayPortal.Domain.Invoicing;

namespace PayPortal.Domain.Plans;

public enum PlanStatus
{
    /// <summary>Asked for and waiting for a specialist.</summary>
    Requested = 1,
    /// <summary>A specialist proposed other terms; waiting for the customer.</summary>
    CounterOffered = 2,
    Active = 3,
    Declined = 4,
    /// <summary>An installment was missed past the grace period; its invoices are back in normal collections.</summary>
    Broken = 5,
    Cancelled = 6,
    Completed = 7,
}

/// <summary>
/// Paying one or more invoices in installments. While active, its invoices are left out of dunning.
/// Progress is read from the invoices themselves: whatever reduces what they owe (a plan installment,
/// a wire, a credit) counts toward the installments in order, so money is never counted twice.
/// </summary>
public class PaymentPlan : IVersioned
{
    private readonly List<PlanInvoice> _invoices = [];
    private readonly List<PlanInstallment> _installments = [];

    private PaymentPlan() { }

    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public long TotalMinor { get; private set; }
    public PlanStatus Status { get; private set; }
    public int InstallmentCount { get; private set; }
    public PlanFrequency Frequency { get; private set; }
    public DateOnly FirstDate { get; private set; }
    /// <summary>What the customer first asked for, kept when a specialist counter-offers.</summary>
    public string RequestedTerms { get; private set; } = "";
    /// <summary>Why it needed a specialist (the limits it exceeded); empty when approved at once.</summary>
    public string? ReviewReasons { get; private set; }
    public string? RequestedByUserId { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    /// <summary>When the plan took effect (its invoices left dunning); aging as of a past date reads it.</summary>
    public DateTime? ActivatedAt { get; private set; }
    /// <summary>The specialist looking after the plan: told when it breaks.</summary>
    public string? AssigneeUserId { get; private set; }
    public string? Note { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public long Version { get; set; }
    public IReadOnlyList<PlanInvoice> Invoices => _invoices;
    public IReadOnlyList<PlanInstallment> Installments => _installments;

    public Currency Currency => Currency.Parse(CurrencyCode);
    public Money Total => new(TotalMinor, Currency);
    public PlanTerms Terms => new(InstallmentCount, Frequency, FirstDate);
    public bool IsPending => Status is PlanStatus.Requested or PlanStatus.CounterOffered;

    /// <summary>A plan in these states holds its invoices: none of them may go into another plan, and it can still be cancelled.</summary>
    public static readonly PlanStatus[] LiveStatuses = [PlanStatus.Active, PlanStatus.Requested, PlanStatus.CounterOffered];

    /// <summary>
    /// A customer's request over their open invoices. Refused (nothing made) outside the policy's bounds;
    /// active at once within its auto-approve limits; otherwise waiting for a specialist.
    /// </summary>
    public static (PaymentPlan? Plan, IReadOnlyList<string> Problems) Request(Customer customer, IReadOnlyList<Invoice> invoices, PlanTerms terms,
        PlanPolicy policy, DateOnly today, DateTime at, string? requestedByUserId)
    {
        var problems = new List<string>();
        if (invoices.Count == 0) problems.Add("Choose at least one invoice.");
        foreach (var invoice in invoices)
        {
            if (invoice.CustomerId != customer.Id || invoice.CurrencyCode != customer.CurrencyCode) problems.Add("One of the invoices is not this account's.");
            else if (!invoice.CanReceiveMoney) problems.Add($"Invoice {invoice.Number} has nothing left to pay.");
            else if (invoice.DisputedMinor > 0) problems.Add($"Invoice {invoice.Number} is under dispute; it cannot go into a plan until the dispute is resolved.");
        }
        if (problems.Count > 0) return (null, problems);
        var total = new Money(invoices.Sum(i => i.OpenMinor), customer.Currency);
        var (decision, reasons) = policy.Evaluate(total, terms, today);
        if (decision is null) return (null, reasons);

        var plan = new PaymentPlan
        {
            Customer = customer,
            CustomerId = customer.Id,
            CurrencyCode = customer.CurrencyCode,
            TotalMinor = total.Minor,
            RequestedTerms = terms.ToString(),
            RequestedByUserId = requestedByUserId,
            RequestedAt = at,
            Status = PlanStatus.Requested,
            ReviewReasons = reasons.Count == 0 ? null : string.Join("; ", reasons),
        };
        plan._invoices.AddRange(invoices.OrderBy(i => i.DueDate).ThenBy(i => i.Id).Select(i => new PlanInvoice(i)));
        plan.Schedule(terms);
        if (decision == PlanDecision.AutoApprove) plan.Activate("policy", at);
        return (plan, reasons);
    }

    public void Approve(string by, string? userId, DateOnly today, DateTime at)
    {
        if (Status != PlanStatus.Requested) throw new DomainRefusal($"Only a requested plan can be approved; this one is {Status}.");
        if (FirstDate < today)
            throw new DomainRefusal($"The first installment date {FirstDate:yyyy-MM-dd} has passed; send a counter-offer with a new first date instead.");
        AssigneeUserId = userId;
        Activate(by, at);
    }

    public void Decline(string by, string reason, DateTime at)
    {
        if (!IsPending) throw new DomainRefusal($"Only a pending plan can be declined; this one is {Status}.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("Say why the plan is declined.");
        Decide(by, at, reason.Trim());
        Status = PlanStatus.Declined;
        ClosedAt = at;
    }

    /// <summary>A specialist proposes other terms for the same invoices; the customer accepts or declines them.</summary>
    public void CounterOffer(string by, string? userId, PlanTerms terms, string? note, DateOnly today, DateTime at)
    {
        if (Status != PlanStatus.Requested) throw new DomainRefusal($"Only a requested plan can get a counter-offer; this one is {Status}.");
        if (terms.FirstDate < today) throw new DomainRefusal("The first installment cannot be in the past.");
        Schedule(terms);
        AssigneeUserId = userId;
        Decide(by, at, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        Status = PlanStatus.CounterOffered;
    }

    public void AcceptCounterOffer(DateOnly today, DateTime at)
    {
        if (Status != PlanStatus.CounterOffered) throw new DomainRefusal("There is no counter-offer to accept.");
        if (FirstDate < today) throw new DomainRefusal($"This offer's first installment date {FirstDate:yyyy-MM-dd} has passed; please ask us for a new one.");
        Status = PlanStatus.Active;
        DecidedAt = at;
        ActivatedAt = at;
    }

    public void DeclineCounterOffer(DateTime at)
    {
        if (Status != PlanStatus.CounterOffered) throw new DomainRefusal("There is no counter-offer to decline.");
        Status = PlanStatus.Declined;
        Note = "The customer declined the counter-offer.";
        ClosedAt = at;
    }

    public void Cancel(string by, string reason, DateTime at)
    {
        if (!LiveStatuses.Contains(Status)) throw new DomainRefusal($"The plan is already {Status}.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("Say why the plan is cancelled.");
        Status = PlanStatus.Cancelled;
        Note = $"Cancelled by {by}: {reason.Trim()}";
        ClosedAt = at;
    }

    /// <summary>How much of the plan is paid, given what its invoices still owe now.</summary>
    public long PaidMinor(long invoicesOpenMinor) => Math.Clamp(TotalMinor - invoicesOpenMinor, 0, TotalMinor);

    /// <summary>The first installment not yet covered by what has been paid, and what is still due on it; null when all are covered.</summary>
    public (PlanInstallment Installment, long DueMinor)? NextDue(long invoicesOpenMinor)
    {
        var paid = PaidMinor(invoicesOpenMinor);
        var cumulative = 0L;
        foreach (var installment in _installments.OrderBy(i => i.Number))
        {
            cumulative += installment.AmountMinor;
            if (paid < cumulative) return (installment, cumulative - paid);
        }
        return null;
    }

    /// <summary>
    /// The daily check: completed when nothing is owed; broken when an installment is still not covered
    /// <paramref name="graceDays"/> days after its due date. Returns whether the status changed.
    /// </summary>
    public bool Review(long invoicesOpenMinor, DateOnly today, int graceDays, DateTime at)
    {
        if (Status != PlanStatus.Active) return false;
        if (invoicesOpenMinor <= 0)
        {
            Status = PlanStatus.Completed;
            ClosedAt = at;
            return true;
        }
        if (NextDue(invoicesOpenMinor) is { } due && today > due.Installment.DueDate.AddDays(graceDays))
        {
            Status = PlanStatus.Broken;
            Note = $"Installment {due.Installment.Number} of {new Money(due.Installment.AmountMinor, Currency)} due {due.Installment.DueDate:yyyy-MM-dd} was not paid within {graceDays} days.";
            ClosedAt = at;
            return true;
        }
        return false;
    }

    private void Schedule(PlanTerms terms)
    {
        var schedule = PlanSchedule.Build(Total, terms);
        InstallmentCount = terms.Installments;
        Frequency = terms.Frequency;
        FirstDate = terms.FirstDate;
        _installments.Clear();
        _installments.AddRange(schedule.Select(s => new PlanInstallment(s.Number, s.DueDate, s.Amount.Minor)));
    }

    private void Activate(string by, DateTime at)
    {
        Decide(by, at, Note);
        Status = PlanStatus.Active;
        ActivatedAt = at;
    }

    private void Decide(string by, DateTime at, string? note)
    {
        DecidedBy = by;
        DecidedAt = at;
        Note = note;
    }
}

public class PlanInvoice
{
    private PlanInvoice() { }

    internal PlanInvoice(Invoice invoice)
    {
        Invoice = invoice;
        InvoiceId = invoice.Id;
        InvoiceNumber = invoice.Number ?? "";
        OpenAtStartMinor = invoice.OpenMinor;
    }

    public long Id { get; private set; }
    public long PaymentPlanId { get; private set; }
    public long InvoiceId { get; private set; }
    public Invoice? Invoice { get; private set; }
    public string InvoiceNumber { get; private set; } = "";
    public long OpenAtStartMinor { get; private set; }
}

public class PlanInstallment : IVersioned
{
    private PlanInstallment() { }

    internal PlanInstallment(int number, DateOnly dueDate, long amountMinor)
    {
        Number = number;
        DueDate = dueDate;
        AmountMinor = amountMinor;
    }

    public long Id { get; private set; }
    public long PaymentPlanId { get; private set; }
    public int Number { get; private set; }
    public DateOnly DueDate { get; private set; }
    public long AmountMinor { get; private set; }
    /// <summary>When the reminder before its due date went out; at most one per installment.</summary>
    public DateTime? ReminderSentAt { get; set; }
    /// <summary>Two reminder runs at once (the hourly worker and the CLI) cannot both send it.</summary>
    public long Version { get; set; }
}
