using PayPortal.Domain.Customers;

namespace PayPortal.Domain.Collections;

public enum PromiseStatus
{
    Open = 1,
    Kept = 2,
    Broken = 3,
    Cancelled = 4,
}

/// <summary>
/// A customer's word, taken on a call: this much by that date. Whether it was kept is decided from the
/// payments themselves: everything the customer paid from the day of the promise up to its date (plus
/// the grace days) counts. While it is open, dunning leaves the customer alone; a broken promise sends
/// the customer back up the worklist.
/// </summary>
public class PromiseToPay : IVersioned
{
    /// <summary>How far ahead a promise may reach; beyond that it is a payment plan.</summary>
    public const int MaxDaysAhead = 90;

    private PromiseToPay() { }

    public static PromiseToPay Record(Customer customer, Money amount, DateOnly dueOn, DateOnly today, string by, string? note, DateTime at)
    {
        if (!amount.IsPositive) throw new DomainRefusal("A promise is for an amount above zero.");
        if (amount.Currency.Code != customer.CurrencyCode) throw new DomainRefusal($"{customer.Name} is billed in {customer.CurrencyCode}, not {amount.Currency}.");
        if (dueOn < today) throw new DomainRefusal("The promised date cannot be in the past.");
        if (dueOn > today.AddDays(MaxDaysAhead)) throw new DomainRefusal($"A promise reaches at most {MaxDaysAhead} days ahead; offer a payment plan for longer.");
        if (note?.Trim() is { Length: > 1000 }) throw new DomainRefusal("The note is longer than 1,000 characters.");
        return new PromiseToPay
        {
            Customer = customer,
            CustomerId = customer.Id,
            CurrencyCode = customer.CurrencyCode,
            AmountMinor = amount.Minor,
            PromisedOn = today,
            DueOn = dueOn,
            RecordedBy = by,
            RecordedAt = at,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Status = PromiseStatus.Open,
        };
    }

    public long Id { get; private set; }
    public long CustomerId { get; private set; }
    public Customer? Customer { get; private set; }
    public string CurrencyCode { get; private set; } = "";
    public long AmountMinor { get; private set; }
    /// <summary>The day the promise was made: payments from this day on count toward it.</summary>
    public DateOnly PromisedOn { get; private set; }
    /// <summary>The date the customer promised to pay by.</summary>
    public DateOnly DueOn { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public DateTime RecordedAt { get; private set; }
    public string? Note { get; private set; }
    public PromiseStatus Status { get; private set; }
    /// <summary>What the customer had paid toward it when it was decided.</summary>
    public long PaidMinor { get; private set; }
    public DateOnly? ResolvedOn { get; private set; }
    public long Version { get; set; }

    public Money Amount => new(AmountMinor, Currency.Parse(CurrencyCode));

    /// <summary>The last day a payment still keeps the promise.</summary>
    public DateOnly LastDay(int graceDays) => DueOn.AddDays(graceDays);

    /// <summary>
    /// Kept once <paramref name="paidMinor"/> (paid from <see cref="PromisedOn"/> through <see cref="LastDay"/>) reaches the amount;
    /// broken when the last day has passed without it. Returns whether the status changed.
    /// </summary>
    public bool Review(long paidMinor, DateOnly today, int graceDays)
    {
        if (Status != PromiseStatus.Open) return false;
        if (paidMinor >= AmountMinor)
        {
            Resolve(PromiseStatus.Kept, paidMinor, today);
            return true;
        }
        if (today > LastDay(graceDays))
        {
            Resolve(PromiseStatus.Broken, paidMinor, today);
            return true;
        }
        return false;
    }

    public void Cancel(string by, string reason, DateOnly today)
    {
        if (Status != PromiseStatus.Open) throw new DomainRefusal($"The promise is already {Status.ToString().ToLowerInvariant()}.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainRefusal("Say why the promise is withdrawn.");
        Note = $"{Note}{(Note is null ? "" : " ")}[Withdrawn by {by}: {reason.Trim()}]";
        Resolve(PromiseStatus.Cancelled, PaidMinor, today);
    }

    private void Resolve(PromiseStatus status, long paidMinor, DateOnly on)
    {
        Status = status;
        PaidMinor = paidMinor;
        ResolvedOn = on;
    }
}
