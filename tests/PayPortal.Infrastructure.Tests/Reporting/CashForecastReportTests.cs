using PayPortal.Domain;
using PayPortal.Domain.Collections;
using PayPortal.Domain.Disputes;
using PayPortal.Domain.Ledger;
using PayPortal.Infrastructure.Reporting;
using static PayPortal.Infrastructure.Tests.Collections.CollectionsData;

namespace PayPortal.Infrastructure.Tests.Reporting;

public class CashForecastReportTests
{
    private static readonly DateOnly Now = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>
    /// H settled three invoices 7 days late each; N and P and Q have no history (so everyone's average, 7 days, applies).
    /// H owes 1,000.00 due in 14 days; N owes 500.00 due in 3 days and 400.00 disputed in full; P owes 300.00 due 20 days ago
    /// and promised 200.00 in 8 days; Q owes 50.00 due 60 days ago.
    /// </summary>
    private static async Task SeedAsync(TempDatabase database)
    {
        await using var scope = database.Scope();
        var db = scope.Db;
        var h = Customer(db, "H-1");
        foreach (var ago in new[] { 100, 90, 80 })
        {
            var settled = InvoiceDue(db, h, $"INV-H{ago}", Now.AddDays(-ago), 100_00);
            var payment = Pay(db, h, 100_00, Now.AddDays(-ago + 7));
            var (allocation, journal) = Postings.Allocate(payment, settled, new Money(100_00, Currency.USD), Now.AddDays(-ago + 7), DateTime.UtcNow);
            db.Allocations.Add(allocation);
            db.Journals.Add(journal);
        }
        InvoiceDue(db, h, "INV-H", Now.AddDays(14), 1_000_00);
        var n = Customer(db, "N-1");
        InvoiceDue(db, n, "INV-N", Now.AddDays(3), 500_00);
        var disputed = InvoiceDue(db, n, "INV-N2", Now.AddDays(3), 400_00);
        db.Disputes.Add(Dispute.Open(disputed, DisputeReason.Pricing, new Money(400_00, Currency.USD), "Wrong", DateTime.UtcNow));
        var p = Customer(db, "P-1");
        InvoiceDue(db, p, "INV-P", Now.AddDays(-20), 300_00);
        db.Promises.Add(PromiseToPay.Record(p, new Money(200_00, Currency.USD), Now.AddDays(8), Now, "sam", null, DateTime.UtcNow));
        var q = Customer(db, "Q-1");
        InvoiceDue(db, q, "INV-Q", Now.AddDays(-60), 50_00);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Each_invoice_is_expected_at_its_customers_pace_disputes_left_out_promises_brought_forward_old_debt_doubtful()
    {
        await using var db = await TempDatabase.CreateAsync();
        await SeedAsync(db);
        await using var scope = db.Scope();

        var usd = (await scope.Get<CashForecastReport>().ForecastAsync(Now)).Single();

        Assert.Equal(7.0m, usd.EveryoneAverageDaysLate);
        Assert.Equal(1, usd.CustomersWithHistory);
        // P: 300 due 20 days ago, expected 13 days ago (week 1), less the 200 promised for day 8 (week 2); N: day 10 (week 2); H: day 21 (week 4).
        Assert.Equal([100_00L, 700_00L, 0L, 1_000_00L], usd.Forecast.WeekMinor.Take(4));
        Assert.Equal(1_800_00L, usd.Forecast.TotalMinor);
        Assert.Equal(50_00L, usd.Forecast.DoubtfulMinor);
        Assert.Null(usd.ActualMinor);
    }

    [Fact]
    public async Task A_forecast_from_a_quarter_ago_is_set_beside_the_payments_received_in_its_weeks()
    {
        await using var db = await TempDatabase.CreateAsync();
        await SeedAsync(db);
        await using var scope = db.Scope();
        var start = Now.AddDays(-91);

        var usd = (await scope.Get<CashForecastReport>().ForecastAsync(start)).Single();

        // At the start H had INV-H90 and INV-H80 open (INV-H100 was paid 93 days ago); with one settled invoice H had no pace of its own,
        // so everyone's (7 days late) applied: expected 83 and 73 days ago, days 8 and 18 of the forecast. And that is when they were paid.
        Assert.Equal([0L, 100_00L, 100_00L], usd.Forecast.WeekMinor.Take(3));
        Assert.Equal([0L, 100_00L, 100_00L], usd.ActualMinor!.Take(3));
        Assert.Equal(200_00L, usd.ActualMinor!.Sum());
    }
}
