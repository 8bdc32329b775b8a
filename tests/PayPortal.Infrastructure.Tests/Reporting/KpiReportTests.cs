using PayPortal.Infrastructure.Reporting;

namespace PayPortal.Infrastructure.Tests.Reporting;

/// <summary>The KPIs of March 2026 over <see cref="AgingScenario"/>, worked by hand.</summary>
public class KpiReportTests
{
    [Fact]
    public async Task March_kpis_come_from_the_ledger_as_computed_by_hand()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AgingScenario.SeedAsync(db);
        await using var scope = db.Scope();

        var usd = (await scope.Get<KpiReport>().ForPeriodAsync(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31))).Single(r => r.Currency.Code == "USD");

        // Owed at the end of February: A1 1,000 + A2 250. At the end of March: A1 600 + A2 250 + A3 300, of which A3 is not yet due. Sales in March: A3 300.
        Assert.Equal((1_250_00L, 1_150_00L, 300_00L, 300_00L), (usd.Inputs.OpeningReceivables, usd.Inputs.ClosingReceivables, usd.Inputs.ClosingCurrent, usd.Inputs.CreditSales));
        var k = usd.Kpis;
        Assert.Equal(118.8m, k.Dso);            // 1,150 / 300 x 31
        Assert.Equal(31.0m, k.BestPossibleDso); // 300 / 300 x 31
        Assert.Equal(87.8m, k.AverageDaysDelinquent);
        Assert.Equal(32.0m, k.Cei);             // (1,250 + 300 - 1,150) / (1,250 + 300 - 300)
        Assert.Equal(0.3m, k.Turnover);         // 300 / 1,200 = 0.25
        Assert.Equal(26.1m, k.PercentCurrent);  // 300 / 1,150
        Assert.Equal(77.6m, k.CountbackDso);    // March 300 (31 days) and February 250 (28 days) whole, then 600 of January's 1,000: 0.6 x 31

        var months = usd.Trend.TakeLast(3).ToList();
        Assert.Equal([new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)], months.Select(m => m.Month));
        Assert.Equal([1_000_00L, 1_250_00L, 1_150_00L], months.Select(m => m.ClosingReceivables));
        Assert.Equal([31.0m, 140.0m, 118.8m], months.Select(m => m.Dso));
        Assert.Equal(12, usd.Trend.Count);
        Assert.Null(usd.Trend[0].Dso); // April 2025: no sales, no made-up DSO
    }

    [Fact]
    public async Task Bad_debt_shows_in_the_month_of_the_write_off()
    {
        await using var db = await TempDatabase.CreateAsync();
        await AgingScenario.SeedAsync(db);
        await using var scope = db.Scope();

        var usd = (await scope.Get<KpiReport>().ForPeriodAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30))).Single(r => r.Currency.Code == "USD");

        Assert.Equal(300_00L, usd.Trend[^1].BadDebt);
        Assert.Equal(850_00L, usd.Inputs.ClosingReceivables);
    }

    [Fact]
    public async Task With_one_currency_in_use_the_same_figures_come_from_the_day_totals()
    {
        await using var db = await TempDatabase.CreateAsync();
        await using (var scope = db.Scope())
        {
            var c = Collections.CollectionsData.Customer(scope.Db, "U-1");
            var invoice = Collections.CollectionsData.InvoiceDue(scope.Db, c, "INV-U", new DateOnly(2026, 10, 31), 1_000_00); // issued Oct 1
            var payment = Collections.CollectionsData.Pay(scope.Db, c, 400_00, new DateOnly(2026, 10, 15));
            var (allocation, journal) = Domain.Ledger.Postings.Allocate(payment, invoice, new Domain.Money(400_00, Domain.Currency.USD), new DateOnly(2026, 10, 15), DateTime.UtcNow);
            scope.Db.Allocations.Add(allocation);
            scope.Db.Journals.Add(journal);
            await scope.Db.SaveChangesAsync();
        }
        await using var check = db.Scope();

        var usd = (await check.Get<KpiReport>().ForPeriodAsync(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31))).Single();

        Assert.Equal((0L, 600_00L, 600_00L, 1_000_00L), (usd.Inputs.OpeningReceivables, usd.Inputs.ClosingReceivables, usd.Inputs.ClosingCurrent, usd.Inputs.CreditSales));
        Assert.Equal(18.6m, usd.Kpis.Dso);   // 600 / 1,000 x 31
        Assert.Equal(100.0m, usd.Kpis.Cei);  // (0 + 1,000 - 600) / (0 + 1,000 - 600): all that was due was collected (the rest falls due on the 31st)
    }
}
