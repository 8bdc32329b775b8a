using PayPortal.Domain;
using PayPortal.Domain.Collections;

namespace PayPortal.Infrastructure.Collections;

/// <summary>An invoice in a dunning message, with the amount chased (open less disputed).</summary>
public sealed record DunningLine(long InvoiceId, string Number, DateOnly DueDate, int DaysPastDue, long ChasedMinor);

/// <summary>What one step does for one customer: one email (or letter, or call task) covering all its invoices due for that step.</summary>
public sealed record DunningMessage(long CustomerId, string CustomerNumber, string CustomerName, Currency Currency, long StepId, int OffsetDays, DunningAction Action,
    string PolicyName, IReadOnlyList<string> To, string Subject, IReadOnlyList<DunningLine> Invoices)
{
    public Money Total => new(Invoices.Sum(i => i.ChasedMinor), Currency);
    public int DaysPastDue => Math.Max(0, Invoices.Max(i => i.DaysPastDue));
}

/// <summary>What a dunning run did, or (dry run) would do: every message, and how many invoices were skipped and why.</summary>
public sealed record DunningOutcome(DateOnly AsOf, bool DryRun, IReadOnlyList<DunningMessage> Messages, IReadOnlyDictionary<DunningSkip, int> Skipped,
    int PromisesKept, int PromisesBroken)
{
    public int Emails => Messages.Count(m => m.Action == DunningAction.Email);
    public int Letters => Messages.Count(m => m.Action == DunningAction.Letter);
    public int CallTasks => Messages.Count(m => m.Action == DunningAction.CallTask);
    public int Invoices => Messages.Sum(m => m.Invoices.Count);
    public int SkippedCount(DunningSkip reason) => Skipped.GetValueOrDefault(reason);
}
