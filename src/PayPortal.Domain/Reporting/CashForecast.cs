namespace PayPortal.Domain.Reporting;

/// <summary>Money expected on a date: an open invoice at its expected payment date, a plan installment, or a promise.</summary>
public readonly record struct ExpectedReceipt(DateOnly On, long AmountMinor);

/// <summary>
/// Expected collections per week for <see cref="Weeks"/> weeks from a start date (week 1 is the start date and the six days after).
/// What was expected before the start but less than <see cref="DoubtfulAfterDays"/> ago is expected in week 1; what was
/// expected longer ago is doubtful and kept apart; what is expected after the last week is "later".
/// </summary>
public sealed record WeeklyForecast(DateOnly Start, long[] WeekMinor, long LaterMinor, long DoubtfulMinor)
{
    public const int Weeks = 13;
    public const int DoubtfulAfterDays = 30;

    public DateOnly WeekStart(int week) => Start.AddDays(7 * week);
    public long TotalMinor => WeekMinor.Sum();

    public static WeeklyForecast Project(DateOnly start, IEnumerable<ExpectedReceipt> receipts)
    {
        var weeks = new long[Weeks];
        long later = 0, doubtful = 0;
        foreach (var r in receipts)
        {
            if (r.AmountMinor <= 0) continue;
            var days = r.On.DayNumber - start.DayNumber;
            if (days < -DoubtfulAfterDays) doubtful += r.AmountMinor;
            else if (days < 0) weeks[0] += r.AmountMinor;
            else if (days / 7 < Weeks) weeks[days / 7] += r.AmountMinor;
            else later += r.AmountMinor;
        }
        return new WeeklyForecast(start, weeks, later, doubtful);
    }

    /// <summary>
    /// When a customer will pay an invoice due on <paramref name="dueDate"/>: the due date moved by their own average days late
    /// (negative for early payers) from at least <paramref name="minimumHistory"/> settled invoices, otherwise by everyone's average.
    /// </summary>
    public static DateOnly ExpectedPaymentDate(DateOnly dueDate, IReadOnlyList<int> customerDaysLate, decimal everyoneAverageDaysLate, int minimumHistory = 3) =>
        dueDate.AddDays(Pace(customerDaysLate, everyoneAverageDaysLate, minimumHistory));

    /// <summary>The days after the due date a customer pays, from <see cref="ExpectedPaymentDate"/>'s rule: worked out once per customer.</summary>
    public static int Pace(IReadOnlyList<int> customerDaysLate, decimal everyoneAverageDaysLate, int minimumHistory = 3) =>
        (int)Math.Round(customerDaysLate.Count >= minimumHistory ? (decimal)customerDaysLate.Average() : everyoneAverageDaysLate, MidpointRounding.AwayFromZero);
}
