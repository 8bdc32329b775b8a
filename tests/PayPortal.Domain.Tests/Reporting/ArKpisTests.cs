using PayPortal.Domain.Reporting;

namespace PayPortal.Domain.Tests.Reporting;

/// <summary>The KPI formulas against examples worked by hand.</summary>
public class ArKpisTests
{
    // A 90-day quarter: opened with 80,000 owed, sold 150,000 on credit, closed with 100,000 owed of which 60,000 not yet due.
    private static readonly KpiInputs Quarter = new(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 28), 80_000_00, 100_000_00, 60_000_00, 150_000_00,
        [(28, 60_000_00), (31, 50_000_00), (31, 40_000_00)]);

    [Fact]
    public void Dso_best_possible_dso_and_days_delinquent()
    {
        var k = ArKpis.From(Quarter);
        Assert.Equal(60.0m, k.Dso);             // 100,000 / 150,000 x 90
        Assert.Equal(36.0m, k.BestPossibleDso); // 60,000 / 150,000 x 90
        Assert.Equal(24.0m, k.AverageDaysDelinquent);
    }

    [Fact]
    public void Cei_turnover_and_percent_current()
    {
        var k = ArKpis.From(Quarter);
        Assert.Equal(76.5m, k.Cei);            // (80 + 150 - 100) / (80 + 150 - 60) = 130 / 170 = 76.47%
        Assert.Equal(1.7m, k.Turnover);        // 150 / ((80 + 100) / 2) = 1.67
        Assert.Equal(60.0m, k.PercentCurrent); // 60 / 100
    }

    [Fact]
    public void Countback_takes_whole_months_off_newest_first_then_a_fraction()
    {
        // 100,000 owed: September's 60,000 (28 days) whole, then 40,000 of August's 50,000 = 0.8 x 31 = 24.8 days.
        Assert.Equal(52.8m, ArKpis.From(Quarter).CountbackDso);
        Assert.Equal(14.0m, ArKpis.Countback(30_000_00, [(28, 60_000_00)]));
        Assert.Null(ArKpis.Countback(1_000_00, [(30, 500)]));
        Assert.Equal(0m, ArKpis.Countback(0, []));
    }

    [Fact]
    public void A_period_with_no_sales_has_no_dso_rather_than_a_false_zero()
    {
        var k = ArKpis.From(Quarter with { CreditSales = 0, OpeningReceivables = 0, ClosingReceivables = 0, ClosingCurrent = 0 });
        Assert.Null(k.Dso);
        Assert.Null(k.Cei);
        Assert.Null(k.PercentCurrent);
        Assert.Null(k.Turnover);
    }
}
