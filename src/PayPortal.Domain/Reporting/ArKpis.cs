namespace PayPortal.Domain.Reporting;

/// <summary>What the receivables KPIs of a period are computed from, in minor units of one currency.</summary>
public sealed record KpiInputs(
    DateOnly From,
    DateOnly To,
    /// <summary>Receivables at the end of the day before <see cref="From"/>.</summary>
    long OpeningReceivables,
    /// <summary>Receivables at the end of <see cref="To"/>.</summary>
    long ClosingReceivables,
    /// <summary>The part of <see cref="ClosingReceivables"/> not yet due at the end of <see cref="To"/>.</summary>
    long ClosingCurrent,
    /// <summary>Credit sales in the period: invoices posted, less invoices voided.</summary>
    long CreditSales,
    /// <summary>Credit sales per calendar month, newest first, from the month of <see cref="To"/> (counted up to <see cref="To"/>) back as far as known: for countback DSO.</summary>
    IReadOnlyList<(int Days, long Sales)> MonthsNewestFirst)
{
    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>
/// The standard receivables KPIs. Every ratio is null when its denominator is zero (nothing sold, nothing
/// owed), rather than a made-up zero. Definitions (N = days in the period):
/// DSO = closing receivables / credit sales x N.
/// Countback DSO = days of sales, counted back month by month from the end, that the closing receivables represent.
/// Best possible DSO = closing current (not yet due) receivables / credit sales x N.
/// Average days delinquent = DSO - best possible DSO.
/// CEI = (opening + credit sales - closing) / (opening + credit sales - closing current) x 100.
/// AR turnover = credit sales / average of opening and closing receivables (for the period).
/// Percent current = closing current / closing receivables x 100.
/// </summary>
public sealed record ArKpis(decimal? Dso, decimal? CountbackDso, decimal? BestPossibleDso, decimal? AverageDaysDelinquent, decimal? Cei, decimal? Turnover, decimal? PercentCurrent)
{
    public static ArKpis From(KpiInputs i)
    {
        var dso = DaysOfSales(i.ClosingReceivables, i.CreditSales, i.Days);
        var best = DaysOfSales(i.ClosingCurrent, i.CreditSales, i.Days);
        return new ArKpis(
            dso,
            Countback(i.ClosingReceivables, i.MonthsNewestFirst),
            best,
            dso is { } d && best is { } b ? d - b : null,
            Ratio(i.OpeningReceivables + i.CreditSales - i.ClosingReceivables, i.OpeningReceivables + i.CreditSales - i.ClosingCurrent, 100),
            Ratio(i.CreditSales, (i.OpeningReceivables + i.ClosingReceivables) / 2m),
            Ratio(i.ClosingCurrent, i.ClosingReceivables, 100));
    }

    /// <summary>
    /// Takes each month's sales off the receivables, newest month first, adding its days, until what is left is
    /// less than a month's sales; that month adds the fraction left. Null when the months' sales cannot account for it.
    /// </summary>
    public static decimal? Countback(long receivables, IReadOnlyList<(int Days, long Sales)> monthsNewestFirst)
    {
        if (receivables <= 0) return 0;
        decimal left = receivables, days = 0;
        foreach (var (monthDays, sales) in monthsNewestFirst)
        {
            if (sales <= 0)
            {
                days += monthDays;
                continue;
            }
            if (left <= sales) return OneDecimal(days + left / sales * monthDays);
            left -= sales;
            days += monthDays;
        }
        return null;
    }

    /// <summary>DSO of any span: receivables ÷ credit sales × its days (null without sales). The monthly trend uses it too.</summary>
    public static decimal? DaysOfSales(long receivables, long creditSales, int days) => Ratio(receivables, creditSales, days);

    private static decimal? Ratio(decimal numerator, decimal denominator, decimal scale = 1) => denominator == 0 ? null : OneDecimal(numerator / denominator * scale);

    // One decimal, always written with it (adding 0.0m sets the scale): 31.0, not 31.
    private static decimal OneDecimal(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero) + 0.0m;
}
