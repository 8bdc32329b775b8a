namespace PayPortal.Domain.Plans;

public enum PlanFrequency
{
    Weekly = 1,
    Biweekly = 2,
    Monthly = 3,
}

/// <summary>What a customer asks for (or a specialist counter-offers): how many installments, how often, from when.</summary>
public sealed record PlanTerms(int Installments, PlanFrequency Frequency, DateOnly FirstDate)
{
    public const int MaxInstallments = 36;

    public override string ToString() => $"{Installments} {Frequency.ToString().ToLowerInvariant()} installments from {FirstDate:yyyy-MM-dd}";
}

public sealed record ScheduledInstallment(int Number, DateOnly DueDate, Money Amount);

/// <summary>
/// Splits a total into installments that add up to it exactly: equal parts in minor units, the
/// remainder spread one unit each over the first installments (so no installment differs from another
/// by more than one cent). Monthly dates keep the first date's day, clamped to shorter months; a first
/// date on a month's last day keeps every installment on the last day of its month (leap years included).
/// </summary>
public static class PlanSchedule
{
    public static IReadOnlyList<ScheduledInstallment> Build(Money total, PlanTerms terms)
    {
        if (!total.IsPositive) throw new DomainRefusal("A plan needs something to pay.");
        if (terms.Installments is < 2 or > PlanTerms.MaxInstallments)
            throw new DomainRefusal($"A plan has 2 to {PlanTerms.MaxInstallments} installments.");
        if (total.Minor < terms.Installments) throw new DomainRefusal("Each installment must be at least one cent.");
        var count = terms.Installments;
        var share = total.Minor / count;
        var remainder = total.Minor % count;
        return Enumerable.Range(0, count)
            .Select(k => new ScheduledInstallment(k + 1, DueDate(terms, k), new Money(share + (k < remainder ? 1 : 0), total.Currency)))
            .ToList();
    }

    public static DateOnly DueDate(PlanTerms terms, int index)
    {
        var first = terms.FirstDate;
        switch (terms.Frequency)
        {
            case PlanFrequency.Weekly: return first.AddDays(7 * index);
            case PlanFrequency.Biweekly: return first.AddDays(14 * index);
            case PlanFrequency.Monthly:
                var month = first.AddMonths(index); // clamps the day to shorter months
                var endOfMonth = first.Day == DateTime.DaysInMonth(first.Year, first.Month);
                return endOfMonth ? new DateOnly(month.Year, month.Month, DateTime.DaysInMonth(month.Year, month.Month)) : month;
            default: throw new ArgumentOutOfRangeException(nameof(terms), terms.Frequency, "Unknown frequency.");
        }
    }

    /// <summary>The last installment's date.</summary>
    public static DateOnly LastDate(PlanTerms terms) => DueDate(terms, terms.Installments - 1);
}
